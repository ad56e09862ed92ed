namespace Tarjuma.Core.Storage;

/// <summary>What a change-log entry says happened. Stores keep these numbers stable.</summary>
public enum ChangeKind
{
    /// <summary>A unit was added, merged into or edited: re-read it.</summary>
    UnitUpserted = 1,

    /// <summary>A unit was deleted.</summary>
    UnitDeleted = 2,

    /// <summary>A memory was created (a name may be reused after a delete, with other languages).</summary>
    MemoryCreated = 3,

    /// <summary>A memory was deleted with all its units.</summary>
    MemoryDeleted = 4,

    /// <summary>
    /// An import added units: every unit of the memory with an id of at least <see cref="StoreChange.UnitId"/>
    /// is new. One entry per import instead of one per unit keeps a million-unit import fast; units it
    /// merged kept their text, so an index needs nothing for them.
    /// </summary>
    UnitsImported = 5,
}

/// <summary>
/// One entry of the store's change log, written in the transaction of the change it records, so a
/// process serving the same database can bring its indexes up to date from its last position.
/// </summary>
/// <param name="Sequence">Monotonic: every committed change has a larger number than those committed before it.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Memory">The memory's name.</param>
/// <param name="UnitId">The unit (the first new unit for <see cref="ChangeKind.UnitsImported"/>); null for memory changes.</param>
public sealed record StoreChange(long Sequence, ChangeKind Kind, string Memory, long? UnitId);

/// <summary>Changes after a position, oldest first.</summary>
/// <param name="Changes">At most the number asked for.</param>
/// <param name="Truncated">
/// Entries after the position asked for have been pruned: the reader missed changes and must
/// reload everything it derived from the store.
/// </param>
public sealed record ChangePage(IReadOnlyList<StoreChange> Changes, bool Truncated);
