using Tarjuma.Core.Model;

namespace Tarjuma.Core.Security;

/// <summary>Read or read-write access to one memory, or to every memory with <see cref="AllMemories"/>.</summary>
public sealed record KeyGrant(string Memory, MemoryAccess Access)
{
    /// <summary>The wildcard memory name: the grant covers every memory, present and future.</summary>
    public const string AllMemories = "*";

    public bool Covers(string memory, MemoryAccess needed) =>
        Access >= needed && (Memory == AllMemories || string.Equals(Memory, memory, StringComparison.Ordinal));

    /// <summary>Parses <c>MEMORY:read</c> or <c>MEMORY:write</c> (<c>*</c> for every memory).</summary>
    public static KeyGrant Parse(string text, string field = "grant")
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            throw TarjumaException.InvalidArgument(field, $"'{text}' is not MEMORY:read or MEMORY:write.");
        }

        var memory = text[..colon];
        var access = text[(colon + 1)..] switch
        {
            "read" => MemoryAccess.Read,
            "write" => MemoryAccess.Write,
            _ => throw TarjumaException.InvalidArgument(field, $"'{text}': the access is 'read' or 'write'."),
        };
        return new KeyGrant(memory == AllMemories ? memory : MemoryName.Validate(memory, field), access);
    }

    public override string ToString() => $"{Memory}:{(Access == MemoryAccess.Write ? "write" : "read")}";
}
