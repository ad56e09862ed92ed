using Tarjuma.Client;
using Tarjuma.Protos.V1;

namespace Tarjuma.WebConsole.Views;

/// <summary>
/// Reads a memory's units page by page with ListUnits, for the console's reports that no RPC answers
/// yet (duplicates, activity). Bounded, so one report cannot pull a huge memory into the circuit.
/// </summary>
internal static class UnitScan
{
    private const int PageSize = 1000;

    /// <summary>The units read (at most about <paramref name="limit"/>) and whether they are all of them.</summary>
    public static async Task<(List<TranslationUnit> Units, bool Complete)> ReadAsync(
        TarjumaClient client, string memory, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var units = new List<TranslationUnit>();
        string? token = null;
        do
        {
            var page = await client.ListUnitsAsync(memory, PageSize, token, cancellationToken);
            units.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null && units.Count < limit);

        return (units, token is null);
    }
}
