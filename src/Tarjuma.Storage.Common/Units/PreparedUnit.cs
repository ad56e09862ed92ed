using Tarjuma.Core.Model;
using Tarjuma.Storage.Common.DiskFormat;

namespace Tarjuma.Storage.Common.Units;

/// <summary>
/// A unit checked and normalised for writing, with everything derived from its content
/// (tag JSON, hashes) computed once.
/// </summary>
internal sealed class PreparedUnit
{
    /// <summary>
    /// Longest side accepted, in UTF-16 code units. A translation-memory segment is a sentence or a
    /// paragraph; anything longer is a mis-segmented file, and every fuzzy comparison against it
    /// would be slow.
    /// </summary>
    public const int MaxTextLength = 100_000;

    /// <summary>Most inline tags per side; real segments carry a handful.</summary>
    public const int MaxTagsPerSide = 1_000;

    private PreparedUnit(TranslationUnit unit, SegmentText source, SegmentText target)
    {
        Unit = unit;
        Source = source;
        Target = target;
        SourceTags = StoredJson.WriteTags(source.Tags);
        TargetTags = StoredJson.WriteTags(target.Tags);
        SourceHash = TextHash.OfText(source.Text);
        TargetHash = TextHash.OfText(target.Text);
        PairHash = TextHash.OfPair(source, target);
    }

    /// <summary>The unit as given (metadata is read from here).</summary>
    public TranslationUnit Unit { get; }

    public SegmentText Source { get; }

    public SegmentText Target { get; }

    public string? SourceTags { get; }

    public string? TargetTags { get; }

    public long SourceHash { get; }

    public long TargetHash { get; }

    public long PairHash { get; }

    /// <summary>
    /// An imported unit that keeps its own id (<c>ImportOptions.KeepIds</c>) must have one; both stores check it
    /// at the unit's turn, so <c>--skip-invalid</c> can turn it into a rejection.
    /// </summary>
    public static void CheckKeptId(TranslationUnit unit, bool keepIds)
    {
        if (keepIds && unit.Id <= 0)
        {
            throw TarjumaException.InvalidArgument("unit.id", "must be above 0 when ids are kept.");
        }
    }

    /// <summary>Validates and normalises; throws <see cref="TarjumaException"/> naming the field.</summary>
    public static PreparedUnit From(TranslationUnit? unit)
    {
        if (unit is null)
        {
            throw TarjumaException.InvalidArgument("unit", "a unit is required.");
        }

        var source = PrepareSide(unit.Source, "unit.source");
        var target = PrepareSide(unit.Target, "unit.target");
        return new PreparedUnit(unit, source, target);
    }

    private static SegmentText PrepareSide(SegmentText? side, string field)
    {
        if (side is null || string.IsNullOrWhiteSpace(side.Text))
        {
            throw TarjumaException.InvalidArgument(field, "the text is empty.");
        }

        if (side.Text.Length > MaxTextLength)
        {
            throw TarjumaException.InvalidArgument(field, $"the text is longer than {MaxTextLength} characters.");
        }

        if (side.Tags.Length > MaxTagsPerSide)
        {
            throw TarjumaException.InvalidArgument(field, $"more than {MaxTagsPerSide} inline tags.");
        }

        if (HasUnpairedSurrogate(side.Text))
        {
            // SQLite stores UTF-8, which cannot hold a lone surrogate: the text would come back changed.
            throw TarjumaException.InvalidArgument(field, "the text is not valid Unicode (unpaired surrogate).");
        }

        return SegmentNormalizer.ToNfc(side);
    }

    private static bool HasUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        var index = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (index < 0)
        {
            return false;
        }

        for (var i = index; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
