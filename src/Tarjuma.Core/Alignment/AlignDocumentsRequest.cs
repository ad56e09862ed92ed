using Tarjuma.Core.Model;

namespace Tarjuma.Core.Alignment;

/// <summary>What to align: two documents as text or as segment lists, their languages, and where the results go.</summary>
public sealed record AlignDocumentsRequest
{
    /// <summary>Confidence at or above which beads go into the memory, by default.</summary>
    public const double DefaultMinConfidence = 0.5;

    public required LanguageTag SourceLanguage { get; init; }

    public required LanguageTag TargetLanguage { get; init; }

    /// <summary>Plain-text documents, segmented with the built-in rules (used when the lists are null).</summary>
    public string? SourceText { get; init; }

    public string? TargetText { get; init; }

    /// <summary>Already segmented documents.</summary>
    public IReadOnlyList<string>? SourceSegments { get; init; }

    public IReadOnlyList<string>? TargetSegments { get; init; }

    /// <summary>A memory whose units teach the lexicon and, when <see cref="AddToMemory"/>, receive the beads.</summary>
    public string? Memory { get; init; }

    public bool AddToMemory { get; init; }

    public double MinConfidence { get; init; } = DefaultMinConfidence;

    /// <summary>Recorded as creator of the units added.</summary>
    public string? User { get; init; }
}
