using Tarjuma.Core.Alignment;

namespace Tarjuma.Alignment;

/// <summary>
/// The search band: after <c>i</c> source sentences, the target positions <c>Low(i)..High(i)</c>
/// that the path may visit, both non-decreasing in <c>i</c>. Cost and memory grow as
/// n · width, not n · m.
/// </summary>
internal sealed class Band
{
    private readonly int[] _low;
    private readonly int[] _high;

    private Band(int[] low, int[] high, int targetCount)
    {
        _low = low;
        _high = high;
        TargetCount = targetCount;
    }

    public int SourceCount => _low.Length - 1;

    public int TargetCount { get; }

    /// <summary>Widest row, for the cost of a search.</summary>
    public long Cells => Enumerable.Range(0, _low.Length).Sum(i => (long)(_high[i] - _low[i] + 1));

    public int Low(int i) => _low[i];

    public int High(int i) => _high[i];

    /// <summary>Everything within <paramref name="halfWidth"/> of the diagonal <c>i · m / n</c>.</summary>
    public static Band Diagonal(int n, int m, int halfWidth)
    {
        var low = new int[n + 1];
        var high = new int[n + 1];
        for (var i = 0; i <= n; i++)
        {
            var center = n == 0 ? 0 : (int)((long)i * m / n);
            low[i] = Math.Max(0, center - halfWidth);
            high[i] = Math.Min(m, center + halfWidth);
        }

        high[n] = m;
        return new Band(low, high, m);
    }

    /// <summary>
    /// Everything within <paramref name="halfWidth"/> of a previous path (Moore 2002: a cheap
    /// length-based pass first, the expensive model only near its path).
    /// </summary>
    public static Band Around(IReadOnlyList<Bead> path, int n, int m, int halfWidth)
    {
        var low = new int[n + 1];
        var high = new int[n + 1];
        Array.Fill(low, int.MaxValue);
        Array.Fill(high, int.MinValue);
        low[0] = high[0] = 0;
        foreach (var bead in path)
        {
            // Rows inside a bead may sit anywhere between its start and end columns.
            for (var i = bead.SourceStart; i <= bead.SourceStart + bead.SourceCount; i++)
            {
                low[i] = Math.Min(low[i], bead.TargetStart);
                high[i] = Math.Max(high[i], bead.TargetStart + bead.TargetCount);
            }
        }

        for (var i = 0; i <= n; i++)
        {
            low[i] = Math.Max(0, low[i] - halfWidth);
            high[i] = Math.Min(m, high[i] + halfWidth);
        }

        // Keep both edges non-decreasing so that every row's predecessors stay reachable.
        for (var i = 1; i <= n; i++)
        {
            high[i] = Math.Max(high[i], high[i - 1]);
        }

        for (var i = n - 1; i >= 0; i--)
        {
            low[i] = Math.Min(low[i], low[i + 1]);
        }

        low[0] = 0;
        high[n] = m;
        return new Band(low, high, m);
    }
}
