using Tarjuma.Core.Segmentation.Learning;

namespace Tarjuma.Core.Storage;

/// <summary>
/// The port for each memory's abbreviations: the list learned from its sources and an
/// administrator's additions and removals, kept apart so that learning again never undoes an
/// edit. Errors are <see cref="Model.TarjumaException"/>s (NotFound for a missing memory); a
/// deleted memory's abbreviations go with it.
/// </summary>
public interface IAbbreviationStore
{
    /// <summary>The memory's abbreviations (empty lists before anything is learned or edited).</summary>
    Task<MemoryAbbreviations> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken = default);

    /// <summary>Replaces the learned list, recording how many units it was learned from; edits stay.</summary>
    Task<MemoryAbbreviations> SaveLearnedAbbreviationsAsync(string memory, IReadOnlyList<LearnedAbbreviation> learned, long learnedFromUnits,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// An administrator's edit, in one transaction: <paramref name="add"/> entries are used whether
    /// learned or not, <paramref name="remove"/> entries never are (a later learning keeps them out).
    /// Entries are normalised by <see cref="AbbreviationRules.NormalizeEntry"/>; the same entry in
    /// both lists is InvalidArgument.
    /// </summary>
    Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken = default);
}
