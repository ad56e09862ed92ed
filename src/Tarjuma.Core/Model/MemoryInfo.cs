namespace Tarjuma.Core.Model;

/// <summary>A named translation memory and its counts.</summary>
public sealed record MemoryInfo
{
    public required string Name { get; init; }

    public required LanguageTag SourceLanguage { get; init; }

    public required LanguageTag TargetLanguage { get; init; }

    public string Description { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long UnitCount { get; init; }
}

/// <summary>What a caller asks for when creating a memory.</summary>
public sealed record NewMemory(string Name, LanguageTag SourceLanguage, LanguageTag TargetLanguage, string Description = "");

/// <summary>Statistics of one memory; characters as <see cref="CharacterCount"/> counts them.</summary>
public sealed record MemoryStatistics(
    long UnitCount,
    long DistinctSources,
    long SourceWords,
    long TargetWords,
    long SourceCharacters,
    long TargetCharacters,
    DateTimeOffset? LastChangedAt);

/// <summary>Which side of a memory a lookup searches: the query is in that side's language.</summary>
public enum MemorySide
{
    Source = 0,
    Target = 1,
}
