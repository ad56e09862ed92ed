using Tarjuma.Client;
using Tarjuma.Protos.V1;

namespace Tarjuma.WebConsole.Views;

/// <summary>Units added per month and by whom, from the units' created_at and created_by.</summary>
public sealed record MemoryActivity(
    IReadOnlyList<(DateOnly Month, long Count)> AddedPerMonth,
    IReadOnlyList<(string Name, long Count)> Contributors,
    long Scanned,
    bool Complete)
{
    /// <summary>Contributors listed at most.</summary>
    public const int TopContributors = 10;

    /// <summary>
    /// Pages through the memory with ListUnits (no statistics RPC gives these figures yet), at most
    /// <see cref="Duplicates.ScanLimit"/> units; <see cref="Complete"/> says whether it read them all.
    /// </summary>
    public static async Task<MemoryActivity> ScanAsync(TarjumaClient client, string memory, CancellationToken cancellationToken = default)
    {
        var (units, complete) = await UnitScan.ReadAsync(client, memory, Duplicates.ScanLimit, cancellationToken);
        return Summarize(units, complete);
    }

    /// <summary>Counts per calendar month (UTC, every month between the first and the last, zeros included) and per creator.</summary>
    public static MemoryActivity Summarize(IReadOnlyCollection<TranslationUnit> units, bool complete)
    {
        ArgumentNullException.ThrowIfNull(units);
        var months = units.Where(u => u.CreatedAt is not null)
            .GroupBy(u => MonthOf(u.CreatedAt.ToDateTime()))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var perMonth = new List<(DateOnly, long)>();
        if (months.Count > 0)
        {
            for (var month = months.Keys.Min(); month <= months.Keys.Max(); month = month.AddMonths(1))
            {
                perMonth.Add((month, months.GetValueOrDefault(month)));
            }
        }

        var contributors = units.GroupBy(u => u.CreatedBy, StringComparer.Ordinal)
            .Select(g => (g.Key, (long)g.Count()))
            .OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(TopContributors)
            .ToList();
        return new MemoryActivity(perMonth, contributors, units.Count, complete);
    }

    private static DateOnly MonthOf(DateTime utc) => new(utc.Year, utc.Month, 1);
}
