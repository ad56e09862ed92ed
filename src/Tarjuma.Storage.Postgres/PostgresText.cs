using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Postgres;

/// <summary>PostgreSQL's text type cannot hold U+0000 (SQLite can): refused with the field named, not a server error.</summary>
internal static class PostgresText
{
    public static void Check(string? value, string field)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw TarjumaException.InvalidArgument(field, "the text contains U+0000 (NUL), which PostgreSQL cannot store.");
        }
    }

    /// <summary>Every text column of a unit (tags, properties and notes are JSON, where U+0000 is escaped).</summary>
    public static void Check(TranslationUnit unit)
    {
        Check(unit.Source?.Text, "unit.source");
        Check(unit.Target?.Text, "unit.target");
        Check(unit.PreviousSource, "unit.previous_source");
        Check(unit.NextSource, "unit.next_source");
        Check(unit.ExternalId, "unit.external_id");
        Check(unit.CreatedBy, "unit.created_by");
        Check(unit.ChangedBy, "unit.changed_by");
    }
}
