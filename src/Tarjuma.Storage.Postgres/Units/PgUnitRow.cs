using Npgsql;
using NpgsqlTypes;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Units;

namespace Tarjuma.Storage.Postgres.Units;

/// <summary>Reads and writes unit rows: the select list, the insert parameters, the COPY row.</summary>
internal static class PgUnitRow
{
    /// <summary>The select list every unit query uses, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "id, source_text, source_tags, target_text, target_tags, prev_source, next_source, external_id, "
        + "props, notes, created_by, created_at, changed_by, changed_at, usage_count, last_used_at";

    /// <summary><see cref="Columns"/> of the table aliased <c>u</c>, for queries that join another table.</summary>
    public static readonly string QualifiedColumns = "u." + Columns.Replace(", ", ", u.", StringComparison.Ordinal);

    /// <summary>How many columns <see cref="Columns"/> lists: a query may select more after them.</summary>
    public const int ColumnCount = 16;

    /// <summary>The inserted columns, in the order of <see cref="AddInsertParameters"/> and <see cref="WriteCopyRowAsync"/>.</summary>
    public const string InsertColumns =
        "memory_id, source_text, source_tags, target_text, target_tags, source_hash, target_hash, pair_hash, "
        + "prev_source, next_source, external_id, props, notes, created_by, created_at, changed_by, changed_at, usage_count, last_used_at";

    public static TranslationUnit Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Source = new SegmentText(reader.GetString(1), StoredJson.ReadTags(Text(reader, 2))),
        Target = new SegmentText(reader.GetString(3), StoredJson.ReadTags(Text(reader, 4))),
        PreviousSource = Text(reader, 5),
        NextSource = Text(reader, 6),
        ExternalId = Text(reader, 7),
        Properties = StoredJson.ReadProperties(Text(reader, 8)),
        Notes = StoredJson.ReadNotes(Text(reader, 9)),
        CreatedBy = Text(reader, 10),
        CreatedAt = Date(reader, 11),
        ChangedBy = Text(reader, 12),
        ChangedAt = Date(reader, 13),
        UsageCount = reader.GetInt32(14),
        LastUsedAt = Date(reader, 15),
    };

    public static async Task<List<TranslationUnit>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var units = new List<TranslationUnit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            units.Add(Read(reader));
        }

        return units;
    }

    /// <summary>Positional parameters $1..$19 for an insert of <see cref="InsertColumns"/>.</summary>
    public static void AddInsertParameters(NpgsqlCommand command, long memoryId, PreparedUnit unit, DateTimeOffset now)
    {
        var u = unit.Unit;
        var p = command.Parameters;
        p.AddWithValue(NpgsqlDbType.Bigint, memoryId);
        p.AddWithValue(NpgsqlDbType.Text, unit.Source.Text);
        p.AddWithValue(NpgsqlDbType.Text, Db(unit.SourceTags));
        p.AddWithValue(NpgsqlDbType.Text, unit.Target.Text);
        p.AddWithValue(NpgsqlDbType.Text, Db(unit.TargetTags));
        p.AddWithValue(NpgsqlDbType.Bigint, unit.SourceHash);
        p.AddWithValue(NpgsqlDbType.Bigint, unit.TargetHash);
        p.AddWithValue(NpgsqlDbType.Bigint, unit.PairHash);
        p.AddWithValue(NpgsqlDbType.Text, Db(u.PreviousSource));
        p.AddWithValue(NpgsqlDbType.Text, Db(u.NextSource));
        p.AddWithValue(NpgsqlDbType.Text, Db(u.ExternalId));
        p.AddWithValue(NpgsqlDbType.Text, Db(StoredJson.WriteProperties(u.Properties)));
        p.AddWithValue(NpgsqlDbType.Text, Db(StoredJson.WriteNotes(u.Notes)));
        p.AddWithValue(NpgsqlDbType.Text, Db(u.CreatedBy));
        p.AddWithValue(NpgsqlDbType.Text, StoredDate.Write(u.CreatedAt ?? now));
        p.AddWithValue(NpgsqlDbType.Text, Db(u.ChangedBy));
        p.AddWithValue(NpgsqlDbType.Text, Db(StoredDate.Write(u.ChangedAt)));
        p.AddWithValue(NpgsqlDbType.Integer, u.UsageCount);
        p.AddWithValue(NpgsqlDbType.Text, Db(StoredDate.Write(u.LastUsedAt)));
    }

    /// <summary>
    /// One row of a binary COPY into <see cref="InsertColumns"/>: the same values as an insert; with
    /// <paramref name="withId"/>, the unit's own id first (a COPY into <c>id, </c> and those columns).
    /// </summary>
    public static async Task WriteCopyRowAsync(NpgsqlBinaryImporter writer, long memoryId, PreparedUnit unit, DateTimeOffset now, bool withId,
        CancellationToken cancellationToken)
    {
        var u = unit.Unit;
        await writer.StartRowAsync(cancellationToken);
        if (withId)
        {
            await writer.WriteAsync(u.Id, NpgsqlDbType.Bigint, cancellationToken);
        }

        await writer.WriteAsync(memoryId, NpgsqlDbType.Bigint, cancellationToken);
        await writer.WriteAsync(unit.Source.Text, NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(writer, unit.SourceTags, cancellationToken);
        await writer.WriteAsync(unit.Target.Text, NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(writer, unit.TargetTags, cancellationToken);
        await writer.WriteAsync(unit.SourceHash, NpgsqlDbType.Bigint, cancellationToken);
        await writer.WriteAsync(unit.TargetHash, NpgsqlDbType.Bigint, cancellationToken);
        await writer.WriteAsync(unit.PairHash, NpgsqlDbType.Bigint, cancellationToken);
        await WriteTextAsync(writer, u.PreviousSource, cancellationToken);
        await WriteTextAsync(writer, u.NextSource, cancellationToken);
        await WriteTextAsync(writer, u.ExternalId, cancellationToken);
        await WriteTextAsync(writer, StoredJson.WriteProperties(u.Properties), cancellationToken);
        await WriteTextAsync(writer, StoredJson.WriteNotes(u.Notes), cancellationToken);
        await WriteTextAsync(writer, u.CreatedBy, cancellationToken);
        await WriteTextAsync(writer, StoredDate.Write(u.CreatedAt ?? now), cancellationToken);
        await WriteTextAsync(writer, u.ChangedBy, cancellationToken);
        await WriteTextAsync(writer, StoredDate.Write(u.ChangedAt), cancellationToken);
        await writer.WriteAsync(u.UsageCount, NpgsqlDbType.Integer, cancellationToken);
        await WriteTextAsync(writer, StoredDate.Write(u.LastUsedAt), cancellationToken);
    }

    private static object Db(string? value) => (object?)value ?? DBNull.Value;

    private static Task WriteTextAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Date(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoredDate.Read(reader.GetString(ordinal));
}
