using System.Globalization;

namespace Tarjuma.Core.Model;

/// <summary>
/// The largest unit the store accepts, from a TMX file or through the API alike, so that no stored
/// unit can make a response unsendable (issue #11): a lookup match carries the whole unit plus a
/// suggested target, and the worst unit these limits allow serializes to about 1.5 MB, well below
/// the 4 MiB a default gRPC client receives and the server's 16 MiB
/// (<c>UnitLimitsTests.Worst_unit_the_limits_allow_fits_a_lookup_response</c>).
/// </summary>
public static class UnitLimits
{
    /// <summary>Longest segment (characters of text and inline markup): a real sentence or paragraph is
    /// far below this, and it is the server's request limit for a segment (Tarjuma:Limits:MaxSegmentLength).</summary>
    public const int MaxSegmentLength = 100_000;

    /// <summary>Longest identifier or name: tuid, creation and change user, prop type, language tag.
    /// GUIDs and user names are tens of characters; a longer one is not an identifier.</summary>
    public const int MaxIdentifierLength = 1_000;

    /// <summary>Longest single prop value, note or context segment: metadata, not content.</summary>
    public const int MaxMetadataLength = 100_000;

    /// <summary>Most props (and, separately, notes) on one unit.</summary>
    public const int MaxPropertiesPerUnit = 1_000;

    /// <summary>Most characters of all props, notes and context of one unit together (types, values,
    /// languages): the per-item limits alone would allow 1,000 × 100,000 characters.</summary>
    public const int MaxMetadataPerUnit = 200_000;

    /// <summary>
    /// Checks a unit against the limits; throws <see cref="TarjumaException"/> (InvalidArgument)
    /// naming the field under <paramref name="field"/> (<c>unit.properties[2].value</c>).
    /// </summary>
    public static TranslationUnit Check(TranslationUnit unit, string field)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Segment(unit.Source, $"{field}.source");
        Segment(unit.Target, $"{field}.target");
        Identifier(unit.ExternalId, $"{field}.external_id");
        Identifier(unit.CreatedBy, $"{field}.created_by");
        Identifier(unit.ChangedBy, $"{field}.changed_by");
        if (unit.Properties.Length > MaxPropertiesPerUnit)
        {
            throw TarjumaException.InvalidArgument($"{field}.properties", Over(unit.Properties.Length, MaxPropertiesPerUnit, "properties"));
        }

        if (unit.Notes.Length > MaxPropertiesPerUnit)
        {
            throw TarjumaException.InvalidArgument($"{field}.notes", Over(unit.Notes.Length, MaxPropertiesPerUnit, "notes"));
        }

        long total = Metadata(unit.PreviousSource, $"{field}.previous_source") + Metadata(unit.NextSource, $"{field}.next_source");
        for (var i = 0; i < unit.Properties.Length; i++)
        {
            var property = unit.Properties[i];
            total += Identifier(property.Type, $"{field}.properties[{i}].type")
                + Metadata(property.Value, $"{field}.properties[{i}].value")
                + Identifier(property.Language, $"{field}.properties[{i}].language");
        }

        for (var i = 0; i < unit.Notes.Length; i++)
        {
            total += Metadata(unit.Notes[i].Text, $"{field}.notes[{i}].text") + Identifier(unit.Notes[i].Language, $"{field}.notes[{i}].language");
        }

        if (total > MaxMetadataPerUnit)
        {
            throw TarjumaException.InvalidArgument($"{field}.properties", string.Create(CultureInfo.InvariantCulture,
                $"context, properties and notes have {total} characters together, over the limit of {MaxMetadataPerUnit} per unit."));
        }

        return unit;
    }

    /// <summary>Characters of a segment's text and inline markup, as a TMX file would hold them.</summary>
    public static long SegmentLength(SegmentText segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        long length = segment.Text.Length;
        foreach (var tag in segment.Tags)
        {
            length += tag.Xml.Length;
        }

        return length;
    }

    private static void Segment(SegmentText segment, string field)
    {
        var length = SegmentLength(segment);
        if (length > MaxSegmentLength)
        {
            throw TarjumaException.InvalidArgument($"{field}.text", Over(length, MaxSegmentLength, "characters of text and tags"));
        }
    }

    private static int Identifier(string? value, string field) =>
        value is not null && value.Length > MaxIdentifierLength
            ? throw TarjumaException.InvalidArgument(field, Over(value.Length, MaxIdentifierLength, "characters"))
            : value?.Length ?? 0;

    private static int Metadata(string? value, string field) =>
        value is not null && value.Length > MaxMetadataLength
            ? throw TarjumaException.InvalidArgument(field, Over(value.Length, MaxMetadataLength, "characters"))
            : value?.Length ?? 0;

    private static string Over(long value, int limit, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{value} {what} is over the limit of {limit}.");
}
