using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Xliff;

/// <summary>The source segments of an XLIFF document, as plain text, for analysis.</summary>
/// <param name="Segments">Segments with text, in document order; units marked <c>translate="no"</c> are left out.</param>
/// <param name="SourceLanguage">The first source language the document declares, if any.</param>
public sealed record XliffSegments(IReadOnlyList<string> Segments, string? SourceLanguage)
{
    /// <summary>
    /// Reads the segments the leverage step would look up (the same <c>seg-source</c>, sentence cutting and
    /// <c>segment</c>s); units without a declared language are cut by <paramref name="defaultLanguage"/>'s rules.
    /// Streams; refuses what <see cref="XliffLeverage"/> refuses, with line and column.
    /// </summary>
    public static XliffSegments Read(Stream input, string defaultLanguage, int maxSegments)
    {
        ArgumentNullException.ThrowIfNull(input);
        var segmenters = new Dictionary<string, Segmenter>(StringComparer.OrdinalIgnoreCase);
        var segments = new List<string>();
        string? sourceLanguage = null;
        using var scanner = new XliffScanner(input);
        while (scanner.MoveNext(null))
        {
            if (scanner.UnitIsLocked)
            {
                continue;
            }

            var language = string.IsNullOrWhiteSpace(scanner.UnitSourceLanguage) ? defaultLanguage : scanner.UnitSourceLanguage.Trim();
            sourceLanguage ??= scanner.UnitSourceLanguage;
            if (!segmenters.TryGetValue(language, out var segmenter))
            {
                segmenters[language] = segmenter = Segmenter.Create(new SegmenterOptions { Language = language });
            }

            var unit = UnitSegments.Read(scanner.Unit, scanner.Dialect!, segmenter, overwrite: false, scanner.UnitPosition);
            foreach (var content in unit.Contents.Where(c => c.HasText))
            {
                if (segments.Count == maxSegments)
                {
                    throw new Model.TarjumaException(Model.ErrorKind.ResourceExhausted, $"a document has at most {maxSegments} segments; split it.",
                        XliffScanner.Field);
                }

                segments.Add(content.Text.Text);
            }
        }

        return new XliffSegments(segments, sourceLanguage);
    }
}
