using System.Collections.Immutable;

namespace Tarjuma.Core.Model;

/// <summary>A TMX <c>&lt;prop&gt;</c>: a typed value attached to a unit (TMX 1.4b §3.6.6).</summary>
public sealed record UnitProperty(string Type, string Value, string? Language = null);

/// <summary>A TMX <c>&lt;note&gt;</c> (TMX 1.4b §3.6.5).</summary>
public sealed record UnitNote(string Text, string? Language = null);

/// <summary>
/// A translation unit: a source segment, its translation and what is known about them.
/// Languages are the memory's; <see cref="Source"/> is in the memory's source language.
/// </summary>
public sealed record TranslationUnit
{
    /// <summary>Store-assigned identifier; 0 for a unit not stored yet.</summary>
    public long Id { get; init; }

    public required SegmentText Source { get; init; }

    public required SegmentText Target { get; init; }

    /// <summary>The source segment that came before this one in its document, for in-context (101%) matches.</summary>
    public string? PreviousSource { get; init; }

    /// <summary>The source segment that came after this one in its document.</summary>
    public string? NextSource { get; init; }

    /// <summary>The TMX <c>tuid</c> the unit arrived with, if any.</summary>
    public string? ExternalId { get; init; }

    public ImmutableArray<UnitProperty> Properties { get; init; } = [];

    public ImmutableArray<UnitNote> Notes { get; init; } = [];

    public string? CreatedBy { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? ChangedBy { get; init; }

    public DateTimeOffset? ChangedAt { get; init; }

    public int UsageCount { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public bool Equals(TranslationUnit? other) =>
        other is not null
        && Id == other.Id
        && Source.Equals(other.Source)
        && Target.Equals(other.Target)
        && string.Equals(PreviousSource, other.PreviousSource, StringComparison.Ordinal)
        && string.Equals(NextSource, other.NextSource, StringComparison.Ordinal)
        && string.Equals(ExternalId, other.ExternalId, StringComparison.Ordinal)
        && Properties.SequenceEqual(other.Properties)
        && Notes.SequenceEqual(other.Notes)
        && string.Equals(CreatedBy, other.CreatedBy, StringComparison.Ordinal)
        && CreatedAt == other.CreatedAt
        && string.Equals(ChangedBy, other.ChangedBy, StringComparison.Ordinal)
        && ChangedAt == other.ChangedAt
        && UsageCount == other.UsageCount
        && LastUsedAt == other.LastUsedAt;

    public override int GetHashCode() => HashCode.Combine(Id, Source, Target);
}
