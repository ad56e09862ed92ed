namespace Tarjuma.Client;

/// <summary>What a TMX import does besides reading the file.</summary>
/// <param name="Memory">The memory to import into; created when missing (then both languages are required).</param>
public sealed record TmxImportOptions(string Memory)
{
    /// <summary>Source language, to create the memory, or to check against an existing one; null for none.</summary>
    public string? SourceLanguage { get; init; }

    /// <summary>Target language, to create the memory, or to check against an existing one; null for none.</summary>
    public string? TargetLanguage { get; init; }

    /// <summary>
    /// Import the valid units and report the invalid ones (with line and column) instead of failing
    /// the whole import. Default false: the import is atomic.
    /// </summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Recorded as creation/change user for units that carry none; null for none.</summary>
    public string? User { get; init; }
}
