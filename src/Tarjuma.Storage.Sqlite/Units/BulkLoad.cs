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

    /// <summary>Creates the dropped indexes again (nothing when none were dropped).</summary>
    public void RebuildIndexes(CancellationToken cancellationToken)
    {
        foreach (var sql in _dropped ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var create = session.Command(sql + ";");
            create.ExecuteNonQuery();
        }

        _dropped = null;
    }
}
