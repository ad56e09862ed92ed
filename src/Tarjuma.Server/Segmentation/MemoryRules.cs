using System.Collections.Concurrent;
using System.Threading.Channels;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;

namespace Tarjuma.Server.Segmentation;

/// <summary>
/// Each memory's segmentation rules: the built-in rules with the memory's abbreviations, built
/// once per change and shared (the compiled rules are cached with the document). Learning runs in
/// the background (<see cref="AbbreviationLearningWorker"/>) when a memory is imported into or grows.
/// </summary>
public sealed class MemoryRules(IMemoryStore store, IAbbreviationStore abbreviations)
{
    /// <summary>Most memories whose rules are kept built; beyond, the cache starts again (rules rebuild in milliseconds).</summary>
    public const int MaxCachedMemories = 256;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    // Bumped after every change to a memory's abbreviations. A read that began before a change
    // must not cache what it read: without this, a lookup racing a learning run could put the old
    // list back into the cache after the run cleared it, for good.
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The memories waiting to be checked for learning, each at most once.</summary>
    internal ChannelReader<string> Queue => _queue.Reader;

    /// <summary>The memory, its abbreviations and its rules. NotFound when there is no such memory.</summary>
    public async Task<(MemoryInfo Memory, MemoryAbbreviations Abbreviations, SrxDocument Rules)> GetAsync(string memory, CancellationToken cancellationToken)
    {
        var generation = _generations.GetValueOrDefault(memory);
        var info = await store.FindMemoryAsync(memory, cancellationToken) ?? throw TarjumaException.MemoryNotFound(memory);
        if (_cache.TryGetValue(memory, out var cached) && cached.CreatedAt == info.CreatedAt && cached.Generation == generation)
        {
            return (info, cached.Abbreviations, cached.Rules);
        }

        var current = await abbreviations.GetAbbreviationsAsync(memory, cancellationToken);
        var entry = new Entry(info.CreatedAt, generation, current, MemoryAbbreviationLearning.Rules(current, info.SourceLanguage));
        if (_cache.Count >= MaxCachedMemories)
        {
            _cache.Clear();
        }

        // A change since this read began makes the entry stale at once: keep it out of the cache.
        if (_generations.GetValueOrDefault(memory) == generation)
        {
            _cache[memory] = entry;
        }

        return (info, entry.Abbreviations, entry.Rules);
    }

    /// <summary>An administrator's edit; the memory's rules change at once.</summary>
    public async Task<MemoryAbbreviations> EditAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken)
    {
        var edited = await abbreviations.EditAbbreviationsAsync(memory, add, remove, cancellationToken);
        Changed(memory);
        return edited;
    }

    /// <summary>Units were imported into or added to <paramref name="memory"/>: check in the background whether to learn again.</summary>
    public void MemoryGrew(string memory)
    {
        if (_queued.TryAdd(memory, 0))
        {
            _queue.Writer.TryWrite(memory);
        }
    }

    /// <summary>Learns the memory's abbreviations again when it is due; true when it did.</summary>
    internal async Task<bool> LearnIfDueAsync(string memory, CancellationToken cancellationToken)
    {
        _queued.TryRemove(memory, out _);
        if (!await MemoryAbbreviationLearning.LearnIfDueAsync(store, abbreviations, memory, cancellationToken))
        {
            return false;
        }

        Changed(memory);
        return true;
    }

    private void Changed(string memory)
    {
        _generations.AddOrUpdate(memory, 1, (_, generation) => generation + 1);
        _cache.TryRemove(memory, out _);
    }

    private sealed record Entry(DateTimeOffset CreatedAt, long Generation, MemoryAbbreviations Abbreviations, SrxDocument Rules);
}
