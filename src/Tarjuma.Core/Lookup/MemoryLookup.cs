using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;

namespace Tarjuma.Core.Lookup;

/// <summary>A lookup request against one memory.</summary>
/// <param name="Memory">The memory to search.</param>
/// <param name="Text">The segment, any normalisation form (NFC is applied).</param>
/// <param name="Language">The query's language; null means the memory's source language.</param>
/// <param name="MinScore">Lowest score returned, 0–101.</param>
/// <param name="MaxResults">Most matches returned.</param>
public sealed record LookupQuery(string Memory, string Text, LanguageTag? Language = null, int MinScore = LookupQuery.DefaultMinScore, int MaxResults = LookupQuery.DefaultMaxResults)
{
    public const int DefaultMinScore = 70;
    public const int DefaultMaxResults = 5;
    public const int MaxMaxResults = 50;
}

/// <summary>A match: the unit oriented so that its source is in the query's language.</summary>
public sealed record LookupMatch(int Score, TranslationUnit Unit, string Memory);

/// <summary>
/// Looks segments up in a memory, in either direction. Exact path: a unit matches at 100 when its
/// text on the query's side equals the query after NFC.
/// </summary>
public static class MemoryLookup
{
    /// <summary>Score of a source identical to the query after NFC.</summary>
    public const int ExactScore = 100;

    public static async Task<IReadOnlyList<LookupMatch>> LookupAsync(IMemoryStore store, LookupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var name = MemoryName.Validate(query.Memory);
        if (string.IsNullOrEmpty(query.Text))
        {
            throw TarjumaException.InvalidArgument("text", "must not be empty.");
        }

        var memory = await store.FindMemoryAsync(name, cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
        var side = ResolveSide(memory, query.Language);
        if (query.MinScore > ExactScore)
        {
            return [];
        }

        var units = await store.FindExactAsync(name, side, TextNormalizer.ToNfc(query.Text), cancellationToken);
        return [.. units
            .OrderByDescending(u => u.UsageCount)
            .ThenByDescending(u => u.ChangedAt ?? u.CreatedAt)
            .Take(query.MaxResults)
            .Select(u => new LookupMatch(ExactScore, side == MemorySide.Source ? u : Reverse(u), name))];
    }

    /// <summary>Which side of <paramref name="memory"/> a query in <paramref name="language"/> searches.</summary>
    public static MemorySide ResolveSide(MemoryInfo memory, LanguageTag? language)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (language is not { } tag || memory.SourceLanguage.Accepts(tag))
        {
            return MemorySide.Source;
        }

        return memory.TargetLanguage.Accepts(tag)
            ? MemorySide.Target
            : throw TarjumaException.InvalidArgument("language", $"memory '{memory.Name}' is {memory.SourceLanguage}→{memory.TargetLanguage}; it cannot be searched in {tag}.");
    }

    /// <summary>The unit seen from its target side (reverse lookup); context is not carried over.</summary>
    public static TranslationUnit Reverse(TranslationUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit with { Source = unit.Target, Target = unit.Source, PreviousSource = null, NextSource = null };
    }
}
