using System.Globalization;
using System.Text;

namespace Tarjuma.Evaluation.Matching;

/// <summary>Scores of the right unit for clause-swapped queries, with and without block moves.</summary>
internal sealed record ClauseSwapReport(IReadOnlyList<int> Before, IReadOnlyList<int> After, int FoundFirst)
{
    /// <summary>Score bands of the distribution: [from, to].</summary>
    private static readonly (int From, int To)[] Bands = [(0, 49), (50, 59), (60, 69), (70, 79), (80, 89), (90, 99)];

    public int Queries => After.Count;

    public double Recall => Queries == 0 ? 1 : (double)FoundFirst / Queries;

    public int BelowAfter(int score) => After.Count(s => s < score);

    public string Format(string title)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"clause swaps, {title}: {Queries} queries; right unit first at min 50: {FoundFirst} = {Recall:F4}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"score",-8} {"before",7} {"after",7}");
        foreach (var (from, to) in Bands)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{from}-{to}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {label,-8} {Before.Count(s => s >= from && s <= to),7} {After.Count(s => s >= from && s <= to),7}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  {"median",-8} {Median(Before),7} {Median(After),7}");
        return text.ToString();
    }

    private static int Median(IReadOnlyList<int> scores) => scores.Count == 0 ? 0 : scores.Order().ElementAt(scores.Count / 2);
}
