using System.Globalization;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>
/// Randomised queries built from the golden units by giving their placeables other values (and
/// sometimes another layout): whatever the values, an adjusted suggestion holds every placeable of
/// the query, and a suggestion that is not adjusted is the stored target.
/// </summary>
public sealed class PlaceableTransferPropertyTests
{
    private const int Rounds = 400;

    [Fact]
    public void An_adjusted_suggestion_contains_every_placeable_of_the_query()
    {
        var units = MatchingData.Rows("placeables.tsv", 8).Select(f => (Side: f[1], Tajik: f[2], English: f[3])).Distinct().ToList();
        var random = new Random(20261130);
        int adjusted = 0, kept = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var (sideName, tajik, english) = units[random.Next(units.Count)];
            var side = sideName == "tg" ? MemorySide.Source : MemorySide.Target;
            var (text, textConvention, targetConvention) = side == MemorySide.Source
                ? (tajik, NumberConvention.DecimalComma, NumberConvention.DecimalPoint)
                : (english, NumberConvention.DecimalPoint, NumberConvention.DecimalComma);
            var query = Mutate(text, textConvention, random);
            using var index = TestMemory.Index(side, TestMemory.Unit(1, tajik, english));
            var matches = index.Search(MatchQuery.Plain(query), new MatchOptions { MinScore = 1 });
            if (matches.Count == 0)
            {
                continue;
            }

            var match = matches[0];
            if (match.TargetAdjusted)
            {
                adjusted++;
                // The query's placeables the unit lacks (a unit may write an unchanged one in words).
                var wantedAll = Placeables(query, textConvention);
                foreach (var old in Placeables(text, textConvention))
                {
                    wantedAll.Remove(old);
                }

                var have = Placeables(match.SuggestedTarget.Text, targetConvention);
                foreach (var wanted in wantedAll)
                {
                    Assert.True(have.Remove(wanted), $"'{query}' → '{match.SuggestedTarget.Text}' lacks a {wanted.Kind} of the query");
                }
            }
            else
            {
                kept++;
                Assert.Equal(match.Target.Text, match.SuggestedTarget.Text);
                Assert.True(match.NotCarriedRanges.Count > 0 || Placeables(query, textConvention).All(p => Placeables(text, textConvention).Contains(p)),
                    $"'{query}': not adjusted and nothing reported");
            }
        }

        // Both outcomes must occur, or the property was not exercised.
        Assert.True(adjusted > Rounds / 4 && kept > 10, $"adjusted {adjusted}, kept {kept}");
    }

    /// <summary>Placeables as (kind, value key): the key is the same in both languages ("12-ум" and "12th", "1,5" and "1.5").</summary>
    private static List<(TokenKind Kind, ulong Value)> Placeables(string text, NumberConvention convention) =>
        [.. Tokenizer.Tokenize(SegmentText.Plain(text), convention).Where(t => t.IsPlaceable).Select(t => (t.Kind, t.Case))];

    /// <summary>Each placeable gets a new random value in its own layout; one time in five a date or time changes layout.</summary>
    private static string Mutate(string text, NumberConvention convention, Random random)
    {
        var tokens = Tokenizer.Tokenize(SegmentText.Plain(text), convention);
        var result = text;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            var token = tokens[i];
            var written = text.Substring(token.Start, token.Length);
            string? replacement = token.Kind switch
            {
                TokenKind.Number when NumberValue.TryParse(written, convention, out var number) =>
                    NumberValue.Format(number with { Value = random.Next(1, 100_000) / (decimal)Math.Pow(10, number.FractionDigits) }, number, convention),
                TokenKind.Ordinal when OrdinalValue.TryReadToken(written, out var ordinal) => new OrdinalValue(random.Next(1, 250), '\0',
                    "").FormatLike(ordinal),
                TokenKind.Date when DateValue.TryRead(written, out var date, out _) => NewDate(date, random),
                TokenKind.Time when TimeValue.TryRead(written, out var time) > 0 => random.Next(5) == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{random.Next(24)}:{random.Next(60):00}")
                    : new TimeValue(random.Next(24) * 60 + (time.Separator == '\0' ? 0 : random.Next(60)), ':', false, null, false).FormatLike(time),
                _ => null,
            };
            if (replacement is not null && random.Next(4) != 0)
            {
                result = string.Concat(result.AsSpan(0, token.Start), replacement, result.AsSpan(token.Start + token.Length));
            }
        }

        return result;
    }

    private static string NewDate(DateValue date, Random random)
    {
        var day = date.Day == 0 ? 0 : random.Next(1, 29);
        var year = date.Year == 0 ? 0 : random.Next(1990, 2040);
        if (random.Next(5) == 0)
        {
            // Another layout: a day where there was none, or none where there was one.
            day = day == 0 ? random.Next(1, 29) : 0;
            year = year == 0 ? random.Next(1990, 2040) : year;
        }

        var value = new DateValue(year, random.Next(1, 13), day, false, ' ', false, false);
        return value.FitsLayoutOf(date) ? value.FormatLike(date) : value.FormatLike(date with { Day = day, Year = year });
    }
}
