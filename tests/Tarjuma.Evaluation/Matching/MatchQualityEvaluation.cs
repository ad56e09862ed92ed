using System.Globalization;
using System.Text;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Evaluation.Matching;

/// <summary>One sentence pair of the development data.</summary>
internal sealed record QualityPair(string Tajik, string English);

/// <summary>Counts of one kind of query: how many, how many found the unit they came from first.</summary>
internal sealed record QualityLine(string Category, int Queries, int FoundFirst)
{
    public double Recall => Queries == 0 ? 1 : (double)FoundFirst / Queries;
}

internal sealed record QualityReport(
    IReadOnlyList<QualityLine> Lines,
    int PlaceableCases,
    int PlaceablesCarried,
    int UnrelatedQueries,
    int UnrelatedAtOrAbove70)
{
    public int Queries => Lines.Sum(l => l.Queries);

    public double RecallAt1 => Queries == 0 ? 1 : (double)Lines.Sum(l => l.FoundFirst) / Queries;

    public double PlaceableRate => PlaceableCases == 0 ? 1 : (double)PlaceablesCarried / PlaceableCases;

    public double UnrelatedRate => UnrelatedQueries == 0 ? 0 : (double)UnrelatedAtOrAbove70 / UnrelatedQueries;

    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"category",-22} {"queries",8} {"recall@1",9}");
        foreach (var line in Lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{line.Category,-22} {line.Queries,8} {line.Recall,9:F4}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{"all",-22} {Queries,8} {RecallAt1,9:F4}");
        text.AppendLine(CultureInfo.InvariantCulture, $"placeables carried over: {PlaceablesCarried}/{PlaceableCases} = {PlaceableRate:P2}");
        text.AppendLine(CultureInfo.InvariantCulture, $"unrelated scoring >= 70: {UnrelatedAtOrAbove70}/{UnrelatedQueries} = {UnrelatedRate:P2}");
        return text.ToString();
    }
}

/// <summary>
/// The quality report: the sentence pairs become a memory (Tajik → English, searched both ways)
/// and every pair gives queries by deterministic, realistic edits — punctuation, case, numbers
/// (whose new value must reach the suggested target), Tajik letters typed as Russian ones, a
/// word replaced or deleted, short segments — plus unrelated sentences that must not score 70.
/// Kept in the library so the test and the benchmark command share one definition.
/// </summary>
internal static class MatchQualityEvaluation
{
    private static readonly LanguageTag Tajik = LanguageTag.Parse("tg", "language");
    private static readonly LanguageTag English = LanguageTag.Parse("en", "language");

    /// <summary>The pairs as a Tajik → English memory (unit ids 1, 2 …), indexed on both sides.</summary>
    internal static (MemoryIndex Tajik, MemoryIndex English) Memories(IReadOnlyList<QualityPair> pairs)
    {
        var tajikIndex = new MemoryIndex(Tajik, English, MemorySide.Source);
        var englishIndex = new MemoryIndex(Tajik, English, MemorySide.Target);
        for (var i = 0; i < pairs.Count; i++)
        {
            var unit = new TranslationUnit { Id = i + 1, Source = SegmentText.Plain(pairs[i].Tajik), Target = SegmentText.Plain(pairs[i].English) };
            tajikIndex.Add(unit);
            englishIndex.Add(unit);
        }

        return (tajikIndex, englishIndex);
    }

    public static QualityReport Run(IReadOnlyList<QualityPair> pairs, IReadOnlyList<string> unrelatedTajik, IReadOnlyList<string> unrelatedEnglish)
    {
        var (tajikMemory, englishMemory) = Memories(pairs);
        using var tajikIndex = tajikMemory;
        using var englishIndex = englishMemory;

        var lines = new Dictionary<string, (int Queries, int Found)>(StringComparer.Ordinal);
        int placeableCases = 0, placeablesCarried = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            foreach (var (index, text, translation) in new[] { (tajikIndex, pairs[i].Tajik, pairs[i].English), (englishIndex, pairs[i].English,
                pairs[i].Tajik) })
            {
                var side = index.Side == MemorySide.Source ? "tg" : "en";
                foreach (var (category, query) in Derive(text, i, side == "tg", pairs))
                {
                    var results = index.Search(MatchQuery.Plain(query));
                    var found = results.Count > 0 && (results[0].UnitId == i + 1 || string.Equals(results[0].Source.Text, text, StringComparison.Ordinal));
                    var key = $"{category} ({side})";
                    lines[key] = lines.TryGetValue(key, out var line) ? (line.Queries + 1, line.Found + (found ? 1 : 0)) : (1, found ? 1 : 0);
                }

                if (ChangeNumber(text, index.Convention) is { } change && Values(translation, index.TranslationConvention).Contains(change.Old))
                {
                    placeableCases++;
                    var results = index.Search(MatchQuery.Plain(change.Query));
                    if (results.Count > 0 && results[0].UnitId == i + 1 && results[0].TargetAdjusted)
                    {
                        var before = Values(translation, index.TranslationConvention);
                        var after = Values(results[0].SuggestedTarget.Text, index.TranslationConvention);
                        var carried = after.Count(v => v == change.New) == before.Count(v => v == change.New) + 1
                            && after.Count(v => v == change.Old) == before.Count(v => v == change.Old) - 1;
                        placeablesCarried += carried ? 1 : 0;
                    }
                }
            }
        }

        var unrelated = 0;
        var unrelatedHigh = 0;
        foreach (var (index, texts) in new[] { (tajikIndex, unrelatedTajik), (englishIndex, unrelatedEnglish) })
        {
            foreach (var text in texts)
            {
                unrelated++;
                var results = index.Search(MatchQuery.Plain(text), new MatchOptions { MinScore = 70, MaxResults = 1 });
                unrelatedHigh += results.Count > 0 ? 1 : 0;
            }
        }

        var report = lines.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new QualityLine(l.Key, l.Value.Queries, l.Value.Found)).ToList();
        return new QualityReport(report, placeableCases, placeablesCarried, unrelated, unrelatedHigh);
    }

    /// <summary>The pairs as one memory searched both ways: unit i + 1 is pair i.</summary>
    /// <summary>The edited queries of one segment, each with its category; edits that do not apply are left out.</summary>
    internal static IEnumerable<(string Category, string Query)> Derive(string text, int seed, bool tajik, IReadOnlyList<QualityPair> pairs)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        yield return ("punctuation", EditPunctuation(text));
        yield return ("case", text.ToLower(tajik ? CultureInfo.InvariantCulture : CultureInfo.InvariantCulture));
        if (tajik)
        {
            var russian = ToRussianLetters(text);
            if (!string.Equals(russian, text, StringComparison.Ordinal))
            {
                yield return ("russian letters", russian);
            }
        }

        if (ChangeNumber(text, tajik ? NumberConvention.DecimalComma : NumberConvention.DecimalPoint) is { } number)
        {
            yield return ("numbers", number.Query);
        }

        if (words.Length >= 6)
        {
            // Replace the middle word by a word of another sentence, and separately drop one word.
            var other = pairs[(seed * 7919 + 13) % pairs.Count];
            var donor = (tajik ? other.Tajik : other.English).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var replaced = (string[])words.Clone();
            var middle = words.Length / 2;
            replaced[middle] = donor[donor.Length / 2];
            if (!string.Equals(replaced[middle], words[middle], StringComparison.Ordinal))
            {
                yield return ("word replaced", string.Join(' ', replaced));
            }

            yield return ("word deleted", string.Join(' ', words.Where((_, i) => i != (seed % (words.Length - 1)) + 1)));
        }

        if (words.Length is >= 3 and <= 6)
        {
            var shortQuery = tajik ? EditPunctuation(ToRussianLetters(text)) : EditPunctuation(text.ToUpperInvariant());
            yield return ("short segment", shortQuery);
        }
    }

    private static string EditPunctuation(string text)
    {
        var edited = text.Replace('“', '«').Replace('”', '»').Replace(", ", " ", StringComparison.Ordinal);
        if (edited.Length > 0 && edited[^1] is '.' or '!' or '?')
        {
            return edited[..^1];
        }

        return edited + ".";
    }

    private static string ToRussianLetters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(TextFolding.FoldTajikLetter(c));
        }

        return builder.ToString();
    }

    /// <summary>The first number of the text raised by one unit of its last digit, written the same way.</summary>
    internal static (string Query, decimal Old, decimal New)? ChangeNumber(string text, NumberConvention convention)
    {
        foreach (var token in Tokenizer.Tokenize(SegmentText.Plain(text), convention))
        {
            if (token.Kind != TokenKind.Number || !NumberValue.TryParse(text.AsSpan(token.Start, token.Length), convention, out var value))
            {
                continue;
            }

            var step = value.FractionDigits == 0 ? 1m : 1m / (decimal)Math.Pow(10, value.FractionDigits);
            var changed = value with { Value = value.Value + step };
            var written = NumberValue.Format(changed, value, convention);
            return (string.Concat(text.AsSpan(0, token.Start), written, text.AsSpan(token.Start + token.Length)), value.Value, changed.Value);
        }

        return null;
    }

    private static List<decimal> Values(string text, NumberConvention convention)
    {
        var values = new List<decimal>();
        foreach (var token in Tokenizer.Tokenize(SegmentText.Plain(text), convention))
        {
            if (token.Kind == TokenKind.Number && NumberValue.TryParse(text.AsSpan(token.Start, token.Length), convention, out var value))
            {
                values.Add(value.Value);
            }
        }

        return values;
    }
}
