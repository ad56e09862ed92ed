using Tarjuma.Client;
using Tarjuma.Protos.V1;

namespace Tarjuma.WebConsole.Views;

/// <summary>Units with the same source text and different targets.</summary>
public sealed record DuplicateGroup(string Source, IReadOnlyList<TranslationUnit> Units);

/// <summary>What a duplicate scan found; <see cref="Complete"/> is false when it stopped at the scan limit.</summary>
public sealed record DuplicateReport(IReadOnlyList<DuplicateGroup> Groups, long Scanned, bool Complete);

/// <summary>
/// Finds duplicates by paging through the memory with ListUnits (the API has no duplicate query), so
/// the console stays a plain client. Bounded: a memory larger than <see cref="ScanLimit"/> is scanned
/// in part, and the report says so.
/// </summary>
public static class Duplicates
{
    /// <summary>Units read at most per scan: 200 pages of 1,000, a few seconds on a loopback call.</summary>
    public const int ScanLimit = 200_000;

    public static async Task<DuplicateReport> FindAsync(TarjumaClient client, string memory, int scanLimit = ScanLimit,
        CancellationToken cancellationToken = default)
    {
        var (units, complete) = await UnitScan.ReadAsync(client, memory, scanLimit, cancellationToken);
        return new DuplicateReport(Group(units), units.Count, complete);
    }

    /// <summary>Groups by exact source text (NFC, as stored), keeping groups with two or more distinct targets.</summary>
    public static IReadOnlyList<DuplicateGroup> Group(IEnumerable<TranslationUnit> units) =>
        [.. units.GroupBy(u => u.Source.Text, StringComparer.Ordinal)
            .Where(g => g.Select(u => u.Target.Text).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => new DuplicateGroup(g.Key, [.. g.OrderBy(u => u.Id)]))
            .OrderBy(g => g.Source, StringComparer.Ordinal)];
}
