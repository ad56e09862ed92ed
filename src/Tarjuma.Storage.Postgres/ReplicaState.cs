using System.Collections.Concurrent;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Postgres;

/// <summary>
/// What a listening replica knows without asking the database: the change log's head, the
/// memories it read lately, and that no API key exists (an open server asks on every call).
/// Trusted only while the listener holds its connection (<see cref="Following"/>):
/// then every commit after the listener's own read of the head is announced to it (PostgreSQL sends
/// a NOTIFY to every listener at commit; the payload carries the log's new head), so the head is the
/// database's, late by a notification's delivery, and a lookup needs no round trip to learn it. A
/// write through this process advances it at once (read-your-writes). While not following, callers
/// read the database.
/// <para>
/// Cached memories: each entry is stamped with the <see cref="_epoch"/> it was read in; any
/// notification, any commit through this process and every (dis)connection of the listener start a
/// new epoch, so an entry is used only when nothing that could change it was announced since it was
/// read (a read racing a commit is stamped before the commit's notification and dies with it).
/// </para>
/// </summary>
internal sealed class ReplicaState
{
    /// <summary>Memories remembered at most (names are few; this only bounds a pathological churn of names).</summary>
    private const int MaxCachedMemories = 4_096;

    private readonly ConcurrentDictionary<string, (MemoryInfo Info, long Epoch)> _memories = new(StringComparer.Ordinal);
    private long _head;
    private long _epoch;
    private volatile bool _following;

    /// <summary>The epoch in which the key table was read empty; -1 when not known to be.</summary>
    private long _noKeysEpoch = -1;

    /// <summary>True while the listener holds its connection and has read the head since connecting.</summary>
    public bool Following => _following;

    /// <summary>The change log's head as last known (only meaningful while <see cref="Following"/>).</summary>
    public long Head => Interlocked.Read(ref _head);

    /// <summary>The listener is connected, listening, and has read <paramref name="head"/> after LISTEN.</summary>
    public void Follow(long head)
    {
        Advance(head);
        Interlocked.Increment(ref _epoch);
        _following = true;
    }

    /// <summary>The listener lost its connection: announcements may be missed from now on.</summary>
    public void Unfollow()
    {
        _following = false;
        Interlocked.Increment(ref _epoch);
    }

    /// <summary>Something committed (a notification, or a write through this process); its head when known. True when the head grew.</summary>
    public bool Changed(long? head)
    {
        var grew = head is { } value && Advance(value);
        Interlocked.Increment(ref _epoch);
        return grew;
    }

    /// <summary>Raises the head to <paramref name="head"/>; true when it grew.</summary>
    public bool Advance(long head)
    {
        while (true)
        {
            var known = Interlocked.Read(ref _head);
            if (head <= known)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _head, head, known) == known)
            {
                return true;
            }
        }
    }

    /// <summary>The epoch a read starting now belongs to, or null when its result must not be cached.</summary>
    public long? BeginRead() => _following ? Interlocked.Read(ref _epoch) : null;

    /// <summary>True when the key table was read empty and nothing was announced since.</summary>
    public bool NoKeysKnown => _following && Interlocked.Read(ref _noKeysEpoch) == Interlocked.Read(ref _epoch);

    public void RememberNoKeys(long? epoch)
    {
        if (epoch is { } stamp)
        {
            Interlocked.Exchange(ref _noKeysEpoch, stamp);
        }
    }

    public bool TryGetMemory(string name, out MemoryInfo info)
    {
        if (_following && _memories.TryGetValue(name, out var entry) && entry.Epoch == Interlocked.Read(ref _epoch))
        {
            info = entry.Info;
            return true;
        }

        info = null!;
        return false;
    }

    public void Remember(MemoryInfo info, long? epoch)
    {
        if (epoch is not { } stamp)
        {
            return;
        }

        if (_memories.Count >= MaxCachedMemories)
        {
            _memories.Clear();
        }

        _memories[info.Name] = (info, stamp);
    }
}
