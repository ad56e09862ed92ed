namespace Tarjuma.Core.Matching;

/// <summary>
/// One memory to search in a lookup over several: its index (of the side in the query's language)
/// and a penalty subtracted from its scores (like MyMemory's per-key penalty), so a less trusted
/// memory ranks below an equally good match of a trusted one.
/// </summary>
public sealed record MemorySearch(string Memory, MemoryIndex Index, int Penalty = 0);
