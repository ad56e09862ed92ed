using System.Collections.Immutable;
using System.Globalization;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tmx;

// Building a unit from what was read: the memory's two variants, their segments, context, metadata and dates.
public sealed partial class TmxReader
{
    /// <summary>Maps a unit read from the file onto the memory's languages and validates it; null when it lacks one.</summary>
    private TranslationUnit? Build(RawUnit raw)
    {
        var (source, target) = ChooseVariants(raw);
        _unitsCheckedForLanguages++;
        if (source is not null && target is not null)
        {
            _unitsWithBothLanguages++;
        }

        if (raw.Variants.Count == 0)
        {
            throw Reject(raw.At, "<tu> has no <tuv>");
        }

        if ((source is null || target is null) && raw.Variants.Any(v => ParseLanguage(v.Language) is null))
        {
            // A tuv without a (valid) language is broken, not in another language.
            var missing = source is null ? _options.Source : _options.Target;
            throw Reject(raw.At,
                $"<tu> has no <tuv> for {missing}; its tuvs are in: {string.Join(", ", raw.Variants.Select(v => v.Language ?? "(no xml:lang)"))}");
        }

        if (source is null || target is null)
        {
            // A multilingual file's unit in other languages is not for this memory: skipped, not rejected.
            Skip(source is null && target is null ? $"without {_options.Source} and {_options.Target}"
                : source is null ? $"without {_options.Source}"
                : $"without {_options.Target}");
            return null;
        }

        var sourceSegment = source.Segment ?? throw Reject(source.At, $"<tuv xml:lang=\"{source.Language}\"> has no <seg>");
        var targetSegment = target.Segment ?? throw Reject(target.At, $"<tuv xml:lang=\"{target.Language}\"> has no <seg>");
        if (IsBlank(sourceSegment.Text))
        {
            throw Reject(source.At, "empty source segment");
        }

        if (IsBlank(targetSegment.Text))
        {
            throw Reject(target.At, "empty target segment");
        }

        // Dates and users on a tuv (OmegaT writes them on the target) stand in for the unit's own.
        var dates = raw.Dates.Or(target.Dates).Or(source.Dates);
        var usageCount = 0;
        if (raw.UsageCount is { } count
            && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out usageCount)))
        {
            throw Reject(raw.At, $"usagecount '{count}' is not a non-negative integer");
        }

        var (properties, previous, next) = raw.Properties.Count + source.Properties.Count + target.Properties.Count == 0
            ? ([], null, null)
            : ReadProperties(raw, source, target);

        // Most units carry no notes: no LINQ chain for them.
        var notes = raw.Notes.Count + source.Notes.Count + target.Notes.Count == 0
            ? []
            : raw.Notes.Concat(source.Notes).Concat(target.Notes).Distinct().ToImmutableArray();
        return new TranslationUnit
        {
            Source = sourceSegment,
            Target = targetSegment,
            PreviousSource = previous is { } before ? TextNormalizer.ToNfc(before) : null,
            NextSource = next is { } after ? TextNormalizer.ToNfc(after) : null,
            ExternalId = raw.ExternalId,
            Properties = properties,
            Notes = notes,
            CreatedBy = dates.CreatedBy,
            CreatedAt = ParseDate(raw.At, "creationdate", dates.CreatedAt),
            ChangedBy = dates.ChangedBy,
            ChangedAt = ParseDate(raw.At, "changedate", dates.ChangedAt),
            UsageCount = usageCount,
            LastUsedAt = ParseDate(raw.At, "lastusagedate", dates.LastUsedAt),
        };
    }

    /// <summary>The unit's props other than context, each once, and its previous and next source context.</summary>
    private (ImmutableArray<UnitProperty> Properties, string? Previous, string? Next) ReadProperties(RawUnit raw, RawVariant source, RawVariant target)
    {
        // Our x-context-* props win over OmegaT's prev/next when a file has both.
        string? previous = null;
        string? previousOmegaT = null;
        string? next = null;
        string? nextOmegaT = null;
        var properties = ImmutableArray.CreateBuilder<UnitProperty>();
        var seen = new HashSet<UnitProperty>();
        var unitLanguage = raw.SourceLanguage ?? Header.SourceLanguage;
        foreach (var (property, container) in raw.Properties.Select(p => (p, unitLanguage))
            .Concat(source.Properties.Select(p => (p, source.Language)))
            .Concat(target.Properties.Select(p => (p, target.Language))))
        {
            if (IsContext(property.Type) && !IsMemorySourceText(property.Language ?? container))
            {
                // Context in the other language (a reversed import) would never equal this memory's
                // neighbouring sources: a 101 against it is impossible, and it would be exported as ours.
                continue;
            }

            switch (property.Type)
            {
                case TmxWriter.PreviousContextType:
                    previous ??= property.Value;
                    break;
                case TmxWriter.NextContextType:
                    next ??= property.Value;
                    break;
                case "prev":
                    previousOmegaT ??= property.Value;
                    break;
                case "next":
                    nextOmegaT ??= property.Value;
                    break;
                default:
                    if (seen.Add(property))
                    {
                        properties.Add(property);
                    }

                    break;
            }
        }

        return (properties.ToImmutable(), previous ?? previousOmegaT, next ?? nextOmegaT);
    }

    private static bool IsContext(string type) =>
        type is TmxWriter.PreviousContextType or TmxWriter.NextContextType or "prev" or "next";

    private static DateTimeOffset? ParseDate((int Line, int Column) at, string attribute, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return TmxDate.TryParse(value, out var date)
            ? date
            : throw Reject(at, $"{attribute} '{value}' is not a TMX date (YYYYMMDDThhmmssZ)");
    }
}
