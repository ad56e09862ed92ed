using System.Text;
using System.Text.Json;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Evaluation.Segmentation;

/// <summary>
/// Scores a segmenter against gold data: running documents (boundary precision, recall and F1)
/// and golden-rule cases (exact list match). Reads the JSON Lines formats of the development
/// data (<c>ntrex-dev/segmentation.*.jsonl</c>) and of the golden-rule suites
/// (pragmatic_segmenter, pySBD, srx-ruby, srx-languagetool-ruby), so a command line only prints.
/// </summary>
public static class SegmentationEvaluation
{
    /// <summary>Characters of context shown on each side of a wrong boundary.</summary>
    private const int ContextChars = 40;

    /// <summary>Reads documents: one JSON object a line with <c>doc</c>, <c>lang</c>, <c>text</c>, <c>sentences</c>.</summary>
    public static IReadOnlyList<SegmentationDocument> ReadDocuments(string path)
    {
        var documents = new List<SegmentationDocument>();
        foreach (var (line, number) in ReadLines(path))
        {
            using var json = Parse(line, path, number);
            var root = json.RootElement;
            var sentences = new List<GoldSentence>();
            foreach (var s in root.GetProperty("sentences").EnumerateArray())
            {
                sentences.Add(s.ValueKind == JsonValueKind.String
                    ? new GoldSentence(s.GetString()!, false)
                    : new GoldSentence(s.GetProperty("text").GetString()!, s.TryGetProperty("inner_ambiguous",
                        out var a) && a.ValueKind == JsonValueKind.True));
            }

            documents.Add(new SegmentationDocument(
                String(root, "doc") ?? $"{Path.GetFileName(path)}:{number}",
                String(root, "lang") ?? string.Empty,
                root.GetProperty("text").GetString()!,
                sentences));
        }

        return documents;
    }

    /// <summary>Reads golden-rule cases (<c>text</c>, <c>expected</c>, and the optional fields of each suite).</summary>
    public static IReadOnlyList<GoldenCase> ReadGoldenCases(string path)
    {
        var cases = new List<GoldenCase>();
        foreach (var (line, number) in ReadLines(path))
        {
            using var json = Parse(line, path, number);
            var root = json.RootElement;
            var skip = false;
            foreach (var property in root.EnumerateObject())
            {
                if ((property.Name is "skip" or "xfail" || property.Name.StartsWith("skip_with",
                    StringComparison.Ordinal)) && property.Value.ValueKind == JsonValueKind.True)
                {
                    skip = true;
                }
            }

            cases.Add(new GoldenCase(
                String(root, "name") ?? $"{Path.GetFileNameWithoutExtension(path)}#{number}",
                String(root, "lang") ?? string.Empty,
                root.GetProperty("text").GetString()!,
                [.. root.GetProperty("expected").EnumerateArray().Select(e => e.GetString()!)],
                skip,
                string.Equals(String(root, "compare"), "exact", StringComparison.Ordinal),
                String(root, "doc_type"),
                String(root, "srx_language"),
                String(root, "srx"),
                String(root, "format")));
        }

        return cases;
    }

    /// <summary>
    /// Boundary precision, recall and F1 over non-space offsets: a boundary is the number of
    /// non-whitespace characters before it, so spacing differences do not count. Boundaries at
    /// paragraph ends (a blank line or the end of the text) are left out, being trivial, and a
    /// predicted boundary inside a gold sentence marked <c>inner_ambiguous</c> counts neither way.
    /// </summary>
    public static DocumentEvaluation ScoreDocuments(IEnumerable<SegmentationDocument> documents, Segmenter segmenter)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(segmenter);
        int tp = 0, fp = 0, fn = 0, count = 0;
        var failures = new List<BoundaryFailure>();
        var spans = new List<TextRange>();
        foreach (var document in documents)
        {
            count++;
            var text = document.Text;
            var nonSpace = new int[text.Length + 1];
            for (var i = 0; i < text.Length; i++)
            {
                nonSpace[i + 1] = nonSpace[i] + (char.IsWhiteSpace(text[i]) ? 0 : 1);
            }

            var paragraphEnds = ParagraphEnds(text).Select(e => nonSpace[e]).ToHashSet();
            var gold = new HashSet<int>();
            var ambiguous = new List<(int Start, int End)>();
            var position = 0;
            foreach (var sentence in document.Sentences)
            {
                var start = text.IndexOf(sentence.Text, position, StringComparison.Ordinal);
                if (start < 0)
                {
                    throw new InvalidDataException($"document {document.Id}: gold sentence not found in the text: {sentence.Text}");
                }

                position = start + sentence.Text.Length;
                gold.Add(nonSpace[position]);
                if (sentence.InnerAmbiguous)
                {
                    ambiguous.Add((nonSpace[start], nonSpace[position]));
                }
            }

            gold.ExceptWith(paragraphEnds);
            spans.Clear();
            segmenter.Segment(text, spans);
            var predicted = new HashSet<int>();
            foreach (var span in spans)
            {
                var b = nonSpace[span.End];
                if (!paragraphEnds.Contains(b) && !ambiguous.Any(a => a.Start < b && b < a.End))
                {
                    predicted.Add(b);
                }
            }

            foreach (var b in predicted)
            {
                if (gold.Contains(b))
                {
                    tp++;
                }
                else
                {
                    fp++;
                    failures.Add(new BoundaryFailure(document.Id, BoundaryKind.Spurious, Context(text, nonSpace, b)));
                }
            }

            foreach (var b in gold.Where(b => !predicted.Contains(b)))
            {
                fn++;
                failures.Add(new BoundaryFailure(document.Id, BoundaryKind.Missed, Context(text, nonSpace, b)));
            }
        }

        return new DocumentEvaluation(new BoundaryScore(tp, fp, fn), count, failures);
    }

    /// <summary>
    /// Runs each case and compares the segment list exactly (after trimming each segment and
    /// folding inner whitespace runs to one space, unless the case says <c>compare: exact</c>,
    /// in which case the raw SRX segments are compared with their whitespace).
    /// <paramref name="options"/> gives the rules; each case's language (or <c>srx_language</c>)
    /// replaces its language. Cases marked PDF use <see cref="LineBreakMode.BlankLineOnly"/>.
    /// </summary>
    public static GoldenEvaluation ScoreGoldenRules(IEnumerable<GoldenCase> cases, SegmenterOptions options, bool includeSkipped = true)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(options);
        int total = 0, passed = 0, skipped = 0;
        var failures = new List<GoldenFailure>();
        foreach (var golden in cases)
        {
            if (golden.Skip)
            {
                skipped++;
                if (!includeSkipped)
                {
                    continue;
                }
            }

            total++;
            var actual = Run(golden, options);
            var expected = golden.ExactCompare ? golden.Expected : golden.Expected.Select(Fold).Where(e => e.Length > 0).ToList();
            if (actual.SequenceEqual(expected, StringComparer.Ordinal))
            {
                passed++;
            }
            else
            {
                failures.Add(new GoldenFailure(golden, actual));
            }
        }

        return new GoldenEvaluation(total, passed, skipped, failures);
    }

    /// <summary>The segments a case produces, in the form its comparison uses.</summary>
    public static IReadOnlyList<string> Run(GoldenCase golden, SegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(golden);
        ArgumentNullException.ThrowIfNull(options);
        var language = golden.SrxLanguage ?? (golden.Language.Length > 0 ? golden.Language : "und");
        var caseOptions = options with
        {
            Language = language,
            LineBreaks = golden.ExactCompare ? LineBreakMode.RulesOnly
                : string.Equals(golden.DocType, "pdf", StringComparison.Ordinal) ? LineBreakMode.BlankLineOnly
                : options.LineBreaks,
            TrimWhitespace = !golden.ExactCompare,
            Markup = string.Equals(golden.Format, "html", StringComparison.Ordinal) ? MarkupMode.Html : options.Markup,
        };
        var segmenter = Segmenter.Create(caseOptions);
        var spans = segmenter.Segment(golden.Text);
        return golden.ExactCompare
            ? [.. spans.Select(s => golden.Text.Substring(s.Start, s.Length))]
            : [.. spans.Select(s => Fold(golden.Text.Substring(s.Start, s.Length))).Where(s => s.Length > 0)];
    }

    /// <summary>Trims and folds every whitespace run to one space.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static IEnumerable<int> ParagraphEnds(string text)
    {
        // A paragraph ends before a blank line and at the end of the text.
        var i = 0;
        while (i < text.Length)
        {
            var nl = text.IndexOf('\n', i);
            if (nl < 0)
            {
                break;
            }

            var j = nl + 1;
            while (j < text.Length && text[j] is ' ' or '\t' or '\r')
            {
                j++;
            }

            if (j < text.Length && text[j] == '\n')
            {
                yield return nl;
            }

            i = nl + 1;
        }

        yield return text.Length;
    }

    private static string Context(string text, int[] nonSpace, int boundary)
    {
        var offset = Array.IndexOf(nonSpace, boundary);
        var start = Math.Max(0, offset - ContextChars);
        var end = Math.Min(text.Length, offset + ContextChars);
        return (text[start..offset] + " ‖ " + text[offset..end]).Replace('\n', '⏎');
    }

    private static IEnumerable<(string Line, int Number)> ReadLines(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (line, number);
            }
        }
    }

    private static JsonDocument Parse(string line, string path, int number)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}:{number}: {ex.Message}", ex);
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
