using System.Globalization;

namespace Tarjuma.Storage.Sqlite.Units;

/// <summary>
/// An import into an empty memory, inside its write transaction: once <see cref="Added"/> reaches the
/// threshold, the <c>units</c> table's indexes are dropped, and <see cref="RebuildIndexes"/> creates
/// them again from the SQL they were created with, so they end exactly as they were. All of it is in
/// the import's transaction: a failed or cancelled import rolls the indexes back with the units, and
/// readers see the old indexes until the commit.
/// </summary>
internal sealed class BulkLoad(WriteSession session, long threshold)
{
    /// <summary>The table's own indexes (automatic ones, for UNIQUE constraints, have no SQL and stay).</summary>
    private const string SelectIndexes =
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' AND sql IS NOT NULL ORDER BY name;";

    private List<string>? _dropped;

    /// <summary>Called after each unit added; drops the indexes when the import has grown past the threshold.</summary>
    public void Added(long added)
    {
        if (_dropped is not null || added < threshold)
        {
            return;
        }

        var indexes = new List<(string Name, string Sql)>();
        using (var select = session.Command(SelectIndexes))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            using var drop = session.Command($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\";");
            drop.ExecuteNonQuery();
        }

        _dropped = [.. indexes.Select(i => i.Sql)];
    }

    /// <summary>
    /// Creates the dropped indexes again (nothing when none were dropped). SQLite's sorter sorts an index's keys in runs as large
    /// as the page cache: with the import's 64 MB cache that is one run, merge-sorted in memory on one core while the other is
    /// idle. A small cache gives small runs (they fit the CPU's caches) and <c>PRAGMA threads</c> sorts and merges them on
    /// worker threads (issue #12: one index of 950,000 units took 0.78–0.86 s instead of 1.14–1.32 s with the sqlite3 shell).
    /// The connection's cache and threads are set back as they were afterwards: the import goes on in the same transaction.
    /// </summary>
    public void RebuildIndexes(CancellationToken cancellationToken)
    {
        if (_dropped is not { Count: > 0 } dropped)
        {
            return;
        }

        var (threads, cacheSize) = (Read("PRAGMA threads;"), Read("PRAGMA cache_size;"));
        Pragma(string.Create(CultureInfo.InvariantCulture, $"PRAGMA threads = {SortThreads}; PRAGMA cache_size = -{SortCacheKib};"));
        try
        {
            foreach (var sql in dropped)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var create = session.Command(sql + ";");
                create.ExecuteNonQuery();
            }
        }
        finally
        {
            Pragma(string.Create(CultureInfo.InvariantCulture, $"PRAGMA threads = {threads}; PRAGMA cache_size = {cacheSize};"));
        }

        _dropped = null;
    }

    /// <summary>The page cache while the indexes are sorted, in KiB: SQLite's default.</summary>
    private const int SortCacheKib = 2_000;

    /// <summary>SQLite's worker threads for sorting: one per core, at most 4.</summary>
    private static int SortThreads => Math.Clamp(Environment.ProcessorCount, 1, 4);

    private void Pragma(string sql)
    {
        using var command = session.Command(sql);
        command.ExecuteNonQuery();
    }

    private long Read(string sql)
    {
        using var command = session.Command(sql);
        return (long)command.ExecuteScalar()!;
    }
}
