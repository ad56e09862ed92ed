using System.Globalization;
using System.Text;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Evaluation.Matching;

/// <summary>Counts of one kind of placeable in one lookup direction.</summary>
/// <remarks>
/// <c>Cases</c>: queries whose changed placeable the unit's target holds (so it can be carried);
/// <c>Carried</c>: of those, the unit came first, adjusted, with exactly the query's placeables;
/// <c>WrongAdjusted</c>: suggestions over all queries marked adjusted that hold a placeable the query
/// does not (or lack one it has) — the count that must be 0.
/// </remarks>
internal sealed record PlaceableLine(string Category, int Cases, int Carried, int WrongAdjusted)
{
    public double Rate => Cases == 0 ? 1 : (double)Carried / Cases;
}

internal sealed record PlaceableReport(IReadOnlyList<PlaceableLine> Lines)
{
    public int Cases => Lines.Sum(l => l.Cases);

    public int Carried => Lines.Sum(l => l.Carried);

    public int WrongAdjusted => Lines.Sum(l => l.WrongAdjusted);

    public double Rate => Cases == 0 ? 1 : (double)Carried / Cases;

    public string Format(string title)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title,-22} {"cases",8} {"carried",8} {"wrong adjusted",15}");
        foreach (var line in Lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{line.Category,-22} {line.Cases,8} {line.Carried,8} {line.WrongAdjusted,15}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"placeables carried over: {Carried}/{Cases} = {Rate:P2}; adjusted with a placeable not the query's: {WrongAdjusted}");
        return text.ToString();
    }
}

/// <summary>
/// The placeable measurement: the pairs become a memory (Tajik → English, searched both ways) and
/// every number, ordinal, date and time of a unit, one at a time, gets another value written in its
/// own layout (a number +1 in its last digit, an ordinal +1 to +3 so the -ум/-юм ending may change,
/// a date a week and a month on and a year later, a time 1 h 13 min later, an hour-only time 1 h
/// later). The suggestion must hold exactly the query's placeables; one marked adjusted that does
/// not is counted as wrong.
/// Kept in the library so the test and the benchmark command share one definition.
/// </summary>
internal static class PlaceableEvaluation
{
    /// <summary>Reads tab-separated Tajik–English pairs (# comments; <c>&lt;nbsp&gt;</c> is U+00A0).</summary>
    public static List<QualityPair> ReadPairs(string path) =>
        [.. File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Replace("<nbsp>", "\u00A0", StringComparison.Ordinal).Split('\t'))
            .Select((fields, i) => fields.Length == 2 ? new QualityPair(fields[0],
                fields[1]) : throw new InvalidDataException($"{path}: pair {i + 1} has {fields.Length} columns, expected 2."))];

    public static PlaceableReport Run(IReadOnlyList<QualityPair> pairs)
    {
        var (tajikMemory, englishMemory) = MatchQualityEvaluation.Memories(pairs);
        using var tajikIndex = tajikMemory;
        using var englishIndex = englishMemory;

        var lines = new SortedDictionary<string, (int Cases, int Carried, int Wrong)>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Count; i++)
        {
            foreach (var (index, text, translation) in new[] { (tajikIndex, pairs[i].Tajik, pairs[i].English), (englishIndex, pairs[i].English,
                pairs[i].Tajik) })
            {
                var side = index.Side == MemorySide.Source ? "tg" : "en";
                var tokens = Tokenizer.Tokenize(SegmentText.Plain(text), index.Convention);
                var held = Placeables(translation, index.TranslationConvention);
                for (var t = 0; t < tokens.Count; t++)
                {
                    if (Change(text, tokens[t], index.Convention, i + t) is not { } query)
                    {
                        continue;
                    }

                    var key = $"{Name(tokens[t].Kind)} ({side})";
                    var eligible = held.Contains((tokens[t].Kind, tokens[t].Case));
                    var results = index.Search(MatchQuery.Plain(query), new MatchOptions { MinScore = 50, MaxResults = 1 });
                    var exact = results.Count > 0 && results[0].TargetAdjusted && HoldsExactly(results[0], query, index);
                    var carried = eligible && exact && results[0].UnitId == i + 1;
                    var wrong = results.Count > 0 && results[0].TargetAdjusted && !exact;
                    var line = lines.GetValueOrDefault(key);
                    lines[key] = (line.Cases + (eligible ? 1 : 0), line.Carried + (carried ? 1 : 0), line.Wrong + (wrong ? 1 : 0));
                }
            }
        }

        return new PlaceableReport([.. lines.Select(l => new PlaceableLine(l.Key, l.Value.Cases, l.Value.Carried, l.Value.Wrong))]);
    }

    private static string Name(TokenKind kind) => kind switch
    {
        TokenKind.Number => "number",
        TokenKind.Ordinal => "ordinal",
        TokenKind.Date => "date",
        _ => "time",
    };

    /// <summary>
    /// The suggestion holds the query's placeables where the unit's source differs from the query,
    /// and no placeable the query lacks where the stored target had one for the source's.
    /// </summary>
    private static bool HoldsExactly(MatchCandidate match, string query, MemoryIndex index)
    {
        var expected = Placeables(match.Target.Text, index.TranslationConvention);
        var fromQuery = Placeables(query, index.Convention);
        foreach (var old in Placeables(match.Source.Text, index.Convention))
        {
            if (!fromQuery.Remove(old))
            {
                expected.Remove(old);
            }
        }

        foreach (var added in fromQuery)
        {
            expected.Add(added);
        }

        var actual = Placeables(match.SuggestedTarget.Text, index.TranslationConvention);
        expected.Sort();
        actual.Sort();
        return expected.SequenceEqual(actual);
    }

    /// <summary>Placeables as (kind, value): the same key in both languages ("12-ум" and "12th", "1,5" and "1.5").</summary>
    private static List<(TokenKind Kind, ulong Value)> Placeables(string text, NumberConvention convention) =>
        [.. Tokenizer.Tokenize(SegmentText.Plain(text), convention).Where(t => t.IsPlaceable && t.Kind != TokenKind.Tag).Select(t => (t.Kind, t.Case))];

    /// <summary>The text with <paramref name="token"/> given another value in its own layout, or null for other tokens.</summary>
    private static string? Change(string text, MatchToken token, NumberConvention convention, int seed)
    {
        var written = text.AsSpan(token.Start, token.Length);
        string? replacement = null;
        switch (token.Kind)
        {
            case TokenKind.Number when NumberValue.TryParse(written, convention, out var number):
                var step = number.FractionDigits == 0 ? 1m : 1m / (decimal)Math.Pow(10, number.FractionDigits);
                replacement = NumberValue.Format(number with { Value = number.Value + step }, number, convention);
                if (written.Length > 1 && written[0] == '0' && char.IsAsciiDigit(written[1]))
                {
                    replacement = replacement.PadLeft(written.Length, '0'); // an identifier keeps its leading zero
                }

                break;
            case TokenKind.Ordinal when OrdinalValue.TryReadToken(written, out var ordinal):
                replacement = (ordinal with { Value = ordinal.Value + 1 + (seed % 3) }).FormatLike(ordinal);
                break;
            case TokenKind.Date when DateValue.TryRead(written, out var date, out _):
                var moved = date with
                {
                    Day = date.Day == 0 ? 0 : ((date.Day + 6) % 28) + 1,
                    Month = (date.Month % 12) + 1,
                    Year = date.Year == 0 ? 0 : date.Year + 1
                };
                replacement = moved.FormatLike(date);
                break;
            case TokenKind.Time when TimeValue.TryRead(written, out var time) > 0:
                var later = time with { Minutes = (time.Minutes + (time.Separator == '\0' ? 60 : 73)) % (24 * 60) };
                replacement = later.FormatLike(time);
                break;
            default:
                break;
        }

        return replacement is null ? null : string.Concat(text.AsSpan(0, token.Start), replacement, text.AsSpan(token.Start + token.Length));
    }
}
