using System.Collections.Immutable;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Common.Units;

/// <summary>
/// What happens to the metadata when a unit arrives whose content (source and target, text and
/// tags) is already stored: the stored unit absorbs the newcomer, so re-importing a file is
/// idempotent and a second file about the same sentence pair enriches it.
/// <list type="bullet">
/// <item>properties: merged by (type, language) — the newcomer's value replaces the stored one, others are kept;</item>
/// <item>notes: union — the newcomer's notes not already present are appended;</item>
/// <item>context (previous/next source) and external id: the newcomer's when it has one;</item>
/// <item>created: the earlier of the two; changed: the later, a newcomer without a change date counting as changed now;</item>
/// <item>usage count: the larger; last used: the later.</item>
/// </list>
/// </summary>
internal static class UnitMerge
{
    public static TranslationUnit Merge(TranslationUnit stored, TranslationUnit incoming, DateTimeOffset now)
    {
        var incomingChangedAt = incoming.ChangedAt ?? now;
        var incomingChangedBy = incoming.ChangedBy ?? incoming.CreatedBy;
        var keepStoredChange = stored.ChangedAt is { } storedChangedAt && storedChangedAt > incomingChangedAt;
        var keepStoredCreation = incoming.CreatedAt is not { } incomingCreatedAt
            || (stored.CreatedAt is { } storedCreatedAt && storedCreatedAt <= incomingCreatedAt);

        return stored with
        {
            PreviousSource = incoming.PreviousSource ?? stored.PreviousSource,
            NextSource = incoming.NextSource ?? stored.NextSource,
            ExternalId = incoming.ExternalId ?? stored.ExternalId,
            Properties = MergeProperties(stored.Properties, incoming.Properties),
            Notes = MergeNotes(stored.Notes, incoming.Notes),
            CreatedAt = keepStoredCreation ? stored.CreatedAt : incoming.CreatedAt,
            CreatedBy = keepStoredCreation ? stored.CreatedBy ?? incoming.CreatedBy : incoming.CreatedBy ?? stored.CreatedBy,
            ChangedAt = keepStoredChange ? stored.ChangedAt : incomingChangedAt,
            ChangedBy = keepStoredChange ? stored.ChangedBy : incomingChangedBy ?? stored.ChangedBy,
            UsageCount = Math.Max(stored.UsageCount, incoming.UsageCount),
            LastUsedAt = Later(stored.LastUsedAt, incoming.LastUsedAt),
        };
    }

    private static ImmutableArray<UnitProperty> MergeProperties(ImmutableArray<UnitProperty> stored, ImmutableArray<UnitProperty> incoming)
    {
        if (incoming.IsDefaultOrEmpty)
        {
            return stored;
        }

        var builder = ImmutableArray.CreateBuilder<UnitProperty>(stored.Length + incoming.Length);
        foreach (var property in stored)
        {
            if (!incoming.Any(p => SameKey(p, property)))
            {
                builder.Add(property);
            }
        }

        builder.AddRange(incoming);
        return builder.ToImmutable();
    }

    private static ImmutableArray<UnitNote> MergeNotes(ImmutableArray<UnitNote> stored, ImmutableArray<UnitNote> incoming)
    {
        if (incoming.IsDefaultOrEmpty)
        {
            return stored;
        }

        var builder = stored.ToBuilder();
        foreach (var note in incoming)
        {
            if (!builder.Contains(note))
            {
                builder.Add(note);
            }
        }

        return builder.ToImmutable();
    }

    private static bool SameKey(UnitProperty a, UnitProperty b) =>
        string.Equals(a.Type, b.Type, StringComparison.Ordinal) && string.Equals(a.Language, b.Language, StringComparison.Ordinal);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
