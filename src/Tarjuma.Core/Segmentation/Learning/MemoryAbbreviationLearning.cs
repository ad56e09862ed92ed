using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;

namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>
/// Learning a memory's abbreviations from its source segments and turning them into rules: what
/// the server runs after an import or when a memory grows, and the command line after an import
/// into a database file.
/// </summary>
public static class MemoryAbbreviationLearning
{
    /// <summary>
    /// Units read per learning at most (the first ones, in id order): bounds one run to about
    /// 15 s on our 2-core machine (100,000 units take 1.4–2 s, <c>segmentation-learn</c>).
    /// </summary>
    public const int MaxUnits = 1_000_000;

    /// <summary>A memory is learned again once it has grown by this share of the units last learned from …</summary>
    public const double RelearnGrowth = 0.10;

    /// <summary>… and by at least this many units, so that small memories are not learned at every add.</summary>
    public const int RelearnMinUnits = 200;

    /// <summary>Whether a memory of <paramref name="unitCount"/> units is due for (re)learning.</summary>
    public static bool IsDue(MemoryAbbreviations current, long unitCount)
    {
        ArgumentNullException.ThrowIfNull(current);
        var learned = current.LearnedFromUnits;
        if (learned >= MaxUnits || unitCount <= learned)
        {
            return false;
        }

        return learned == 0 || unitCount - learned >= Math.Max(RelearnMinUnits, (long)(learned * RelearnGrowth));
    }

    /// <summary>Learns the memory's abbreviations again when it is due (<see cref="IsDue"/>); true when it did, false also for a missing memory.</summary>
    public static async Task<bool> LearnIfDueAsync(IMemoryStore units, IAbbreviationStore abbreviations, string memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(abbreviations);
        var info = await units.FindMemoryAsync(memory, cancellationToken);
        if (info is null || !IsDue(await abbreviations.GetAbbreviationsAsync(memory, cancellationToken), info.UnitCount))
        {
            return false;
        }

        await LearnAsync(units, abbreviations, memory, cancellationToken);
        return true;
    }

    /// <summary>Learns the memory's abbreviations from its source segments and stores them.</summary>
    public static async Task<MemoryAbbreviations> LearnAsync(IMemoryStore units, IAbbreviationStore abbreviations, string memory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(abbreviations);
        var counts = new AbbreviationCounts();
        long read = 0;
        await foreach (var unit in units.StreamUnitsAsync(memory, cancellationToken))
        {
            counts.Add(unit.Source.Text);
            if (++read >= MaxUnits)
            {
                break;
            }
        }

        return await abbreviations.SaveLearnedAbbreviationsAsync(memory, AbbreviationLearner.Learn(counts), read, cancellationToken);
    }

    /// <summary>The rule name a memory's SRX language rule gets.</summary>
    public static string RuleName(string memory) => "memory " + memory;

    /// <summary>The built-in rules with the memory's abbreviations, for text in <paramref name="language"/> (the memory's source language).</summary>
    public static SrxDocument Rules(MemoryAbbreviations abbreviations, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(abbreviations);
        return AbbreviationRules.Build(RuleName(abbreviations.Memory), language.Value, abbreviations.Effective);
    }

    /// <inheritdoc cref="Rules"/>
    public static string RulesSrx(MemoryAbbreviations abbreviations, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(abbreviations);
        return AbbreviationRules.BuildSrx(RuleName(abbreviations.Memory), language.Value, abbreviations.Effective);
    }
}
