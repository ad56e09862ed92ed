using Tarjuma.Core.Storage;

namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>
/// Learns a memory's abbreviations from the sources an import adds, as they are written, instead of
/// reading the whole memory back afterwards (issue #12: re-reading was a quarter of a command-line
/// import's CPU). Only for a memory that held no units before the import; any other memory is learned
/// by <see cref="MemoryAbbreviationLearning.LearnIfDueAsync"/>. Not thread-safe: the store calls
/// <see cref="Add"/> from its one importing thread (<see cref="ImportOptions.SourceAdded"/>).
/// </summary>
public sealed class ImportLearning
{
    private readonly AbbreviationCounts _counts = new();

    private ImportLearning()
    {
    }

    /// <summary>Sources counted: the first <see cref="MemoryAbbreviationLearning.MaxUnits"/> added, as a learning reads them.</summary>
    public long Units { get; private set; }

    /// <summary>
    /// Counting for an import into <paramref name="memory"/> when it is missing or empty (its units
    /// will be exactly those the import adds); null when it holds units, which only a full read sees.
    /// </summary>
    public static async Task<ImportLearning?> StartAsync(IMemoryStore units, string memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        var info = await units.FindMemoryAsync(memory, cancellationToken);
        return info is null || info.UnitCount == 0 ? new ImportLearning() : null;
    }

    /// <summary>Counts one added unit's stored (normalised) source, in the order the store adds them.</summary>
    public void Add(string source)
    {
        if (Units < MemoryAbbreviationLearning.MaxUnits)
        {
            _counts.Add(source);
            Units++;
        }
    }

    /// <summary>
    /// After the import committed: learns when due (<see cref="MemoryAbbreviationLearning.IsDue"/>), from the
    /// counts when the memory holds exactly the units counted, otherwise (another writer added units
    /// meanwhile) by reading it. True when it learned.
    /// </summary>
    public async Task<bool> FinishAsync(IMemoryStore units, IAbbreviationStore abbreviations, string memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(abbreviations);
        var info = await units.FindMemoryAsync(memory, cancellationToken);
        if (info is null || !MemoryAbbreviationLearning.IsDue(await abbreviations.GetAbbreviationsAsync(memory, cancellationToken), info.UnitCount))
        {
            return false;
        }

        if (Units != Math.Min(info.UnitCount, MemoryAbbreviationLearning.MaxUnits))
        {
            await MemoryAbbreviationLearning.LearnAsync(units, abbreviations, memory, cancellationToken);
            return true;
        }

        await abbreviations.SaveLearnedAbbreviationsAsync(memory, AbbreviationLearner.Learn(_counts), Units, cancellationToken);
        return true;
    }
}
