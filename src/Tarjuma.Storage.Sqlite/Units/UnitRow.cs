using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Common.DiskFormat;

namespace Tarjuma.Storage.Sqlite.Units;

/// <summary>Reads a <see cref="TranslationUnit"/> from a row selected with <see cref="Columns"/>.</summary>
internal static class UnitRow
{
    /// <summary>The select list every unit query uses, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "id, source_text, source_tags, target_text, target_tags, prev_source, next_source, external_id, "
        + "props, notes, created_by, created_at, changed_by, changed_at, usage_count, last_used_at";

    public static TranslationUnit Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Source = new SegmentText(reader.GetString(1), StoredJson.ReadTags(NullableString(reader, 2))),
        Target = new SegmentText(reader.GetString(3), StoredJson.ReadTags(NullableString(reader, 4))),
        PreviousSource = NullableString(reader, 5),
        NextSource = NullableString(reader, 6),
        ExternalId = NullableString(reader, 7),
        Properties = StoredJson.ReadProperties(NullableString(reader, 8)),
        Notes = StoredJson.ReadNotes(NullableString(reader, 9)),
        CreatedBy = NullableString(reader, 10),
        CreatedAt = NullableDate(reader, 11),
        ChangedBy = NullableString(reader, 12),
        ChangedAt = NullableDate(reader, 13),
        UsageCount = reader.GetInt32(14),
        LastUsedAt = NullableDate(reader, 15),
    };

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableDate(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoredDate.Read(reader.GetString(ordinal));
}
