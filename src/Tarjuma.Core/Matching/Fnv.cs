namespace Tarjuma.Core.Matching;

/// <summary>64-bit FNV-1a over UTF-16 code units: token keys for comparison in memory, never persisted.</summary>
internal static class Fnv
{
    public const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Add(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = Offset;
        foreach (var c in text)
        {
            hash = Add(hash, c);
        }

        return hash;
    }

    /// <summary>A key for a class of tokens (e.g. "any number"), distinct from text hashes in practice.</summary>
    public static ulong Class(TokenKind kind) => Hash(string.Concat("\u0001class:", ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
