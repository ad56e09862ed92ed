using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Protocols.Shared;

/// <summary>
/// Which memories answer a call that names only a language pair: every memory the caller may
/// read (or write) whose two languages are the pair's, in either direction (a tg→en memory answers
/// en→tg from its target side). Languages compare by primary subtag, so <c>en_US</c> reaches an
/// <c>en-GB</c> memory. Ordered by name, so a response does not depend on creation order.
/// </summary>
internal static class PairMemories
{
    public static async Task<IReadOnlyList<MemoryInfo>> FindAsync(
        IndexedMemoryStore store, CallerIdentity caller, LanguageTag source, LanguageTag target, MemoryAccess access, CancellationToken cancellationToken)
    {
        var memories = await store.ListMemoriesAsync(cancellationToken);
        return [.. memories
            .Where(m => Serves(m, source, target) && caller.Allows(m.Name, access))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    /// <summary>True when <paramref name="memory"/> holds the pair in either direction.</summary>
    public static bool Serves(MemoryInfo memory, LanguageTag source, LanguageTag target) =>
        (memory.SourceLanguage.Accepts(source) && memory.TargetLanguage.Accepts(target))
        || (memory.SourceLanguage.Accepts(target) && memory.TargetLanguage.Accepts(source));

    /// <summary>
    /// The one memory a write names only by its pair: <paramref name="named"/> when given (it must
    /// serve the pair), else the only writable memory of the pair. None: 404; several: 409 naming them.
    /// </summary>
    public static async Task<MemoryInfo> ForWriteAsync(
        IndexedMemoryStore store, CallerIdentity caller, LanguageTag source, LanguageTag target, string? named, string memoryField,
            CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(named))
        {
            var name = MemoryName.Validate(named, memoryField);
            var memory = await store.FindMemoryAsync(name, cancellationToken);
            if (memory is null || !caller.Allows(name, MemoryAccess.Read))
            {
                // A memory the key may not read is not revealed to exist.
                throw new ProtocolException(StatusCodes.Status404NotFound, $"{memoryField}: memory '{name}' does not exist.");
            }

            if (!caller.Allows(name, MemoryAccess.Write))
            {
                throw new ProtocolException(StatusCodes.Status403Forbidden, $"This key may not write memory '{name}'.");
            }

            return Serves(memory, source, target)
                ? memory
                : throw new ProtocolException(StatusCodes.Status400BadRequest,
                    $"{memoryField}: memory '{name}' is {memory.SourceLanguage}→{memory.TargetLanguage}, not {source}↔{target}.");
        }

        var writable = await FindAsync(store, caller, source, target, MemoryAccess.Write, cancellationToken);
        if (writable.Count == 0 && (await FindAsync(store, caller, source, target, MemoryAccess.Read, cancellationToken)) is { Count: > 0 } readable)
        {
            throw new ProtocolException(StatusCodes.Status403Forbidden, $"This key may not write memory '{readable[0].Name}'.");
        }

        return writable.Count switch
        {
            1 => writable[0],
            0 => throw new ProtocolException(StatusCodes.Status404NotFound, $"No memory of the pair {source}↔{target} that this key may write."),
            _ => throw new ProtocolException(StatusCodes.Status409Conflict,
                $"Several memories of the pair {source}↔{target} ({string.Join(", ", writable.Select(m => m.Name))}); name one with {memoryField}."),
        };
    }

    /// <summary>A unit written in the pair's direction, stored in the memory's: swapped when the memory runs the other way.</summary>
    public static TranslationUnit Orient(MemoryInfo memory, LanguageTag source, TranslationUnit unit) =>
        memory.SourceLanguage.Accepts(source) ? unit : unit with { Source = unit.Target, Target = unit.Source };
}
