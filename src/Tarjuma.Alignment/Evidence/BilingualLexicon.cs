namespace Tarjuma.Alignment.Evidence;

/// <summary>
/// Word translations learned from aligned pairs with the Dice coefficient over stems
/// (2·c(s,t) / (c(s) + c(t)), counting pairs). Learn it from a memory's units so that it improves
/// as the memory grows, or from the confident beads of a first alignment pass (realign).
/// Immutable once learned; safe to share between threads.
/// </summary>
public sealed class BilingualLexicon
{
    /// <summary>Pairs read at most; beyond this the counts are stable and learning only costs time.</summary>
    public const int MaxPairs = 200_000;

    /// <summary>Translations kept per source stem, best first.</summary>
    public const int MaxTranslations = 5;

    /// <summary>A word pair must co-occur at least this often: once is chance in a small memory.</summary>
    public const int MinCooccurrence = 2;

    /// <summary>Weakest Dice association kept.</summary>
    public const double MinDice = 0.3;

    /// <summary>Stems too frequent to be evidence (more than this share of pairs): function words.</summary>
    private const double MaxDocumentFrequency = 0.25;

    /// <summary>Below this many pairs a share says nothing about function words, so none is filtered.</summary>
    private const int MinPairsForFrequencyFilter = 50;

    private readonly Dictionary<string, string[]> _forward;

    private BilingualLexicon(Dictionary<string, string[]> forward)
    {
        _forward = forward;
    }

    /// <summary>The empty lexicon.</summary>
    public static BilingualLexicon Empty { get; } = new(new Dictionary<string, string[]>(StringComparer.Ordinal));

    /// <summary>Number of source stems with at least one translation.</summary>
    public int Count => _forward.Count;

    /// <summary>Learns from Tajik–English pairs (e.g. a memory's units); the first <see cref="MaxPairs"/> are read.</summary>
    public static BilingualLexicon Learn(IEnumerable<(string Tajik, string English)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var analysed = pairs.Take(MaxPairs)
            .Select(p => (SentenceAnalyzer.Analyze(p.Tajik, tajik: true, transliterate: false).Stems,
                          SentenceAnalyzer.Analyze(p.English, tajik: false, transliterate: false).Stems))
            .ToList();
        return Learn(analysed);
    }

    internal static BilingualLexicon Learn(IReadOnlyList<(string[] Source, string[] Target)> pairs)
    {
        var sourceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var targetCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var joint = new Dictionary<(string, string), int>();
        foreach (var (source, target) in pairs)
        {
            foreach (var s in source)
            {
                sourceCounts[s] = sourceCounts.GetValueOrDefault(s) + 1;
            }

            foreach (var t in target)
            {
                targetCounts[t] = targetCounts.GetValueOrDefault(t) + 1;
            }
        }

        var maxFrequency = pairs.Count < MinPairsForFrequencyFilter ? int.MaxValue : (int)(MaxDocumentFrequency * pairs.Count);
        foreach (var (source, target) in pairs)
        {
            foreach (var s in source)
            {
                if (sourceCounts[s] < MinCooccurrence || sourceCounts[s] > maxFrequency)
                {
                    continue;
                }

                foreach (var t in target)
                {
                    if (targetCounts[t] >= MinCooccurrence && targetCounts[t] <= maxFrequency)
                    {
                        joint[(s, t)] = joint.GetValueOrDefault((s, t)) + 1;
                    }
                }
            }
        }

        var forward = joint
            .Where(kv => kv.Value >= MinCooccurrence)
            .Select(kv => (Source: kv.Key.Item1, Target: kv.Key.Item2, Dice: 2.0 * kv.Value / (sourceCounts[kv.Key.Item1] + targetCounts[kv.Key.Item2])))
            .Where(e => e.Dice >= MinDice)
            .GroupBy(e => e.Source, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(e => e.Dice).ThenBy(e => e.Target, StringComparer.Ordinal).Take(MaxTranslations).Select(e => e.Target).ToArray(),
                StringComparer.Ordinal);
        return new BilingualLexicon(forward);
    }

    /// <summary>The union of two lexicons; translations of a stem known to both are merged.</summary>
    public BilingualLexicon Merge(BilingualLexicon other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        var merged = new Dictionary<string, string[]>(_forward, StringComparer.Ordinal);
        foreach (var (stem, translations) in other._forward)
        {
            merged[stem] = merged.TryGetValue(stem, out var existing)
                ? existing.Concat(translations).Distinct(StringComparer.Ordinal).Take(2 * MaxTranslations).ToArray()
                : translations;
        }

        return new BilingualLexicon(merged);
    }

    /// <summary>English stems that translate a Tajik stem (empty when unknown).</summary>
    public IReadOnlyList<string> Translations(string tajikStem) =>
        _forward.TryGetValue(tajikStem, out var list) ? list : [];
}
