using System.Xml.Linq;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;
using Tarjuma.Core.Xml;

namespace Tarjuma.Core.Xliff;

/// <summary>
/// The state of one leverage run: the lookup port, the languages met, the previous segment and the
/// look-ahead for the next one (in-context matches), and the counts for the summary.
/// </summary>
internal sealed class LeverageRun(IXliffLookup lookup, XliffLeverageOptions options, Func<Stream>? reopen)
{
    private readonly Dictionary<string, UnitLanguage> _languages = new(StringComparer.Ordinal);
    private readonly int[] _filledByBand = new int[Enum.GetValues<AnalysisBand>().Length];
    private readonly int[] _bestByBand = new int[Enum.GetValues<AnalysisBand>().Length];
    private XliffScanner? _ahead;
    private readonly Queue<string?> _aheadTexts = new();
    private int _aheadIndex = -1;
    private int _index = -1;
    private string? _previous;

    public XliffLeverageOptions Options => options;

    public int Units { get; set; }

    public int SkippedUnits { get; set; }

    public int Segments { get; private set; }

    public int SegmentsWithCandidates { get; private set; }

    public int FilledSegments { get; private set; }

    public int UnplaceableSegments { get; private set; }

    public XliffLeverageSummary Summary(string version) =>
        new(version, Units, SkippedUnits, Segments, SegmentsWithCandidates, FilledSegments, UnplaceableSegments, [.. _filledByBand], [.. _bestByBand]);

    /// <summary>The declared language of units in <paramref name="sourceLanguage"/> and the segmenter of the side it searches.</summary>
    public async Task<UnitLanguage> LanguageAsync(string? sourceLanguage, (int Line, int Column) position, CancellationToken cancellationToken)
    {
        var key = sourceLanguage ?? string.Empty;
        if (!_languages.TryGetValue(key, out var entry))
        {
            LanguageTag? declared = null;
            if (!string.IsNullOrWhiteSpace(sourceLanguage))
            {
                declared = LanguageTag.TryParse(sourceLanguage, out var tag)
                    ? tag
                    : throw XmlRefusal.At(XliffScanner.Field, position.Line, position.Column,
                        $"source language '{sourceLanguage}' is not a BCP 47 language tag");
            }

            var searched = await lookup.ResolveAsync(declared, cancellationToken);
            _languages[key] = entry = new UnitLanguage(declared, Segmenter.Create(new SegmenterOptions { Language = searched.Value }));
        }

        return entry;
    }

    /// <summary>Looks the next segment of the document up; <paramref name="canFill"/> when its target may be written.</summary>
    public async Task<SegmentLeverage> LeverageAsync(UnitLanguage language, InlineContent content, bool canFill, CancellationToken cancellationToken)
    {
        _index++;
        var previous = _previous;
        _previous = content.HasText ? content.Text.Text : null;
        if (!content.HasText)
        {
            return SegmentLeverage.None;
        }

        Segments++;
        var query = new MatchQuery(content.Text)
        {
            PreviousSource = previous,
            NextSource = await NextTextAsync(cancellationToken),
        };
        var matches = await lookup.LookupAsync(language.Declared, query, options.MinScore, options.MaxCandidates, cancellationToken);
        _bestByBand[(int)(matches.Count > 0 ? Matcher.Band(matches[0].Score) : AnalysisBand.NoMatch)]++;
        if (matches.Count == 0)
        {
            return SegmentLeverage.None;
        }

        SegmentsWithCandidates++;
        if (canFill)
        {
            var worthy = false;
            foreach (var match in matches.Where(m => m.Score >= options.FillMinScore))
            {
                worthy = true;
                if (content.Render(match.Suggestion ?? match.Unit.Target) is { } nodes)
                {
                    FilledSegments++;
                    _filledByBand[(int)Matcher.Band(match.Score)]++;
                    return new SegmentLeverage(matches, match, nodes);
                }
            }

            if (worthy)
            {
                UnplaceableSegments++;
            }
        }

        return new SegmentLeverage(matches, null, null);
    }

    /// <summary>The text of the segment after the current one, read by a second pass over the document.</summary>
    private async Task<string?> NextTextAsync(CancellationToken cancellationToken)
    {
        if (reopen is null)
        {
            return null;
        }

        var wanted = _index + 1;
        while (_aheadIndex < wanted)
        {
            if (_aheadTexts.Count == 0 && !await FillAheadAsync(cancellationToken))
            {
                return null;
            }

            _aheadIndex++;
            var text = _aheadTexts.Dequeue();
            if (_aheadIndex == wanted)
            {
                return text;
            }
        }

        return null;
    }

    private async Task<bool> FillAheadAsync(CancellationToken cancellationToken)
    {
        _ahead ??= new XliffScanner(reopen!());
        while (_ahead.MoveNext(null))
        {
            if (_ahead.UnitIsLocked)
            {
                continue;
            }

            var language = await LanguageAsync(_ahead.UnitSourceLanguage, _ahead.UnitPosition, cancellationToken);
            var segments = UnitSegments.Read(_ahead.Unit, _ahead.Dialect!, language.Segmenter, options.Overwrite, _ahead.UnitPosition);
            foreach (var content in segments.Contents)
            {
                _aheadTexts.Enqueue(content.HasText ? content.Text.Text : null);
            }

            if (_aheadTexts.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    public void DisposeAhead() => _ahead?.Dispose();

    /// <summary>Adds <paramref name="added"/> after <paramref name="anchor"/>, indented like the anchor.</summary>
    public static void AddAfter(XElement anchor, XElement added)
    {
        if (anchor.PreviousNode is XText { Value: var space } && string.IsNullOrWhiteSpace(space))
        {
            anchor.AddAfterSelf(new XText(space), added);
        }
        else
        {
            anchor.AddAfterSelf(added);
        }
    }
}
