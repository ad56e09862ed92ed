using Tarjuma.Core.Alignment;
using Tarjuma.Core.Model;

namespace Tarjuma.Alignment;

/// <summary>
/// Minimum-cost monotone path of beads through the band (Gale &amp; Church's dynamic programme,
/// restricted to a band around the diagonal as in hunalign and Vecalign). If the best path runs
/// along the band's edge the band is doubled and the search repeated, up to <see cref="MaxBandCells"/>.
/// </summary>
internal static class BandedSearch
{
    /// <summary>
    /// Cells (source × band width) searched at most: bounds memory to about 23 bytes a cell
    /// (cell evidence, cost, back-pointer, forward and backward sums), i.e. ~370 MB, whatever the documents.
    /// </summary>
    public const long MaxBandCells = 16_000_000;

    /// <summary>Gale &amp; Church (1993, table 5) bead priors, for the baseline and the hand-weighted ablation.</summary>
    private static readonly double[] GaleChurchPriors = [0.89, 0.0099 / 2, 0.0099 / 2, 0.089 / 2, 0.089 / 2, 0.011, 0.0005, 0.0005];

    /// <summary>
    /// Searches <paramref name="makeBand"/>(width), doubling the width while the best path runs
    /// along an edge the documents do not force and the band stays under <see cref="MaxBandCells"/>.
    /// </summary>
    /// <remarks>
    /// With <c>posteriors</c> each bead gets its posterior probability over all paths in the band
    /// (forward–backward); otherwise beads carry no confidence (passes that only find the path).
    /// </remarks>
    public static List<Bead> Run(DocumentPair doc, BeadScorer? scorer, AlignerOptions options, Func<int, Band> makeBand, int halfWidth, bool posteriors,
        CancellationToken cancellationToken = default)
    {
        var n = doc.Source.Length;
        var m = doc.Target.Length;
        while (true)
        {
            var band = makeBand(halfWidth);
            var (beads, touchesEdge) = Search(doc, band, scorer, options, posteriors, cancellationToken);
            var covering = halfWidth >= Math.Max(n, m);
            var canWiden = !covering && makeBand(2 * halfWidth).Cells <= MaxBandCells;
            if (beads is null && !canWiden)
            {
                throw new TarjumaException(ErrorKind.ResourceExhausted, "The documents differ too much in length to be aligned within the search limit.");
            }

            if (beads is not null && (!touchesEdge || !canWiden))
            {
                return beads;
            }

            halfWidth *= 2;
        }
    }

    /// <summary>The best path in the band, or null beads when the band holds no complete path.</summary>
    private static (List<Bead>? Beads, bool TouchesEdge) Search(DocumentPair doc, Band band, BeadScorer? scorer, AlignerOptions options, bool posteriors,
        CancellationToken cancellationToken)
    {
        var n = doc.Source.Length;
        var m = doc.Target.Length;
        // Plain Gale–Church needs lengths only: no sentence-pair evidence to compute.
        var cells = options.Scoring == BeadScoring.GaleChurch ? null : new CellCache(doc, band);
        var rowOffset = new long[n + 2];
        for (var i = 0; i <= n; i++)
        {
            rowOffset[i + 1] = rowOffset[i] + (band.High(i) - band.Low(i) + 1);
        }

        var cost = new float[rowOffset[n + 1]];
        var back = new byte[rowOffset[n + 1]];
        // Forward sums in −log space: −log Σ over all paths from (0,0) of e^(−path cost).
        var forward = posteriors ? new float[rowOffset[n + 1]] : [];
        Array.Fill(cost, float.PositiveInfinity);
        Array.Fill(forward, float.PositiveInfinity);
        cost[0] = 0;
        if (posteriors)
        {
            forward[0] = 0;
        }

        Span<float> features = stackalloc float[BeadFeatures.Count];
        var shapes = BeadFeatures.Shapes;
        for (var i = 0; i <= n; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int low = band.Low(i), high = band.High(i);
            for (var j = low; j <= high; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }

                var best = float.PositiveInfinity;
                var sum = double.PositiveInfinity;
                byte bestShape = 0;
                for (byte k = 0; k < shapes.Length; k++)
                {
                    var (a, b) = shapes[k];
                    int pi = i - a, pj = j - b;
                    if (pi < 0 || pj < 0 || pj < band.Low(pi) || pj > band.High(pi))
                    {
                        continue;
                    }

                    var previous = cost[rowOffset[pi] + (pj - band.Low(pi))];
                    if (float.IsPositiveInfinity(previous))
                    {
                        continue;
                    }

                    var beadCost = (float)BeadCost(doc, cells, scorer, options, pi, a, pj, b, features);
                    var total = previous + beadCost;
                    if (total < best)
                    {
                        best = total;
                        bestShape = k;
                    }

                    if (posteriors)
                    {
                        sum = NegLogAdd(sum, forward[rowOffset[pi] + (pj - band.Low(pi))] + (double)beadCost);
                    }
                }

                var index = rowOffset[i] + (j - low);
                cost[index] = best;
                back[index] = bestShape;
                if (posteriors)
                {
                    forward[index] = (float)sum;
                }
            }
        }

        if (float.IsPositiveInfinity(cost[rowOffset[n] + (m - band.Low(n))]))
        {
            return (null, true);
        }

        var backward = posteriors ? Backward(doc, band, cells, scorer, options, rowOffset, cancellationToken) : [];
        var logPartition = posteriors ? forward[rowOffset[n] + (m - band.Low(n))] : 0;

        // Trace back from (n, m); note whether the path touches an edge the documents do not force.
        var beads = new List<Bead>();
        var touches = false;
        int ci = n, cj = m;
        while (ci > 0 || cj > 0)
        {
            int low = band.Low(ci), high = band.High(ci);
            if ((cj == low && low > 0) || (cj == high && high < m))
            {
                touches = true;
            }

            var (a, b) = shapes[back[rowOffset[ci] + (cj - low)]];
            ci -= a;
            cj -= b;
            if (posteriors)
            {
                // P(bead) = forward(start) · e^(−cost) · backward(end) / Z, in −log space.
                var start = forward[rowOffset[ci] + (cj - band.Low(ci))];
                var end = backward[rowOffset[ci + a] + (cj + b - band.Low(ci + a))];
                var confidence = Math.Clamp(Math.Exp(logPartition - start - BeadCost(doc, cells, scorer, options, ci, a, cj, b, features) - end), 0, 1);
                beads.Add(new Bead(ci, a, cj, b, confidence, confidence < options.ReviewThreshold || a == 0 || b == 0));
            }
            else
            {
                beads.Add(new Bead(ci, a, cj, b, 0, true));
            }
        }

        beads.Reverse();
        return (beads, touches);
    }

    public static double BeadCost(DocumentPair doc, CellCache? cells, BeadScorer? scorer, AlignerOptions options, int i0, int a, int j0, int b,
        Span<float> features)
    {
        if (a == 0 || b == 0)
        {
            if (options.Scoring == BeadScoring.Model)
            {
                return options.NullCost;
            }

            var length = a == 0 ? doc.Target[j0].Length : doc.Source[i0].Length;
            var nullCost = -Math.Log(GaleChurchPriors[1]) + doc.Length.Cost(a == 0 ? 0 : length, a == 0 ? length : 0);
            return options.Scoring == BeadScoring.GaleChurch ? nullCost : Math.Min(nullCost, options.NullCost + 4);
        }

        var shape = ShapeIndex(a, b);
        if (options.Scoring == BeadScoring.GaleChurch)
        {
            int sourceLength = 0, targetLength = 0;
            for (var s = i0; s < i0 + a; s++)
            {
                sourceLength += doc.Source[s].Length;
            }

            for (var t = j0; t < j0 + b; t++)
            {
                targetLength += doc.Target[t].Length;
            }

            return -Math.Log(GaleChurchPriors[shape]) + doc.Length.Cost(sourceLength, targetLength);
        }

        BeadFeatures.Compute(doc, cells!, i0, a, j0, b, features);
        switch (options.Scoring)
        {
            case BeadScoring.Model:
                // The classifier saw every shape equally often; the path prior on merges is the merge cost.
                return -Math.Log(Math.Max(scorer!.Probability(features), 1e-9)) + (a == 1 && b == 1 ? 0 : options.MergeCost);
            default:
                // Hand-set weights, the ablation without the learned combination.
                return -Math.Log(GaleChurchPriors[shape]) + features[0]
                    - (1.5 * features[7]) + (0.7 * features[8]) - (1.5 * features[9]) - (1.5 * features[12])
                    + (0.7 * features[14]) - (2.0 * (features[15] + features[16]));
        }
    }

    /// <summary>Backward sums in −log space: −log Σ over all paths from (i, j) to (n, m) of e^(−path cost).</summary>
    private static float[] Backward(DocumentPair doc, Band band, CellCache? cells, BeadScorer? scorer, AlignerOptions options, long[] rowOffset,
        CancellationToken cancellationToken)
    {
        var n = doc.Source.Length;
        var m = doc.Target.Length;
        var backward = new float[rowOffset[n + 1]];
        Array.Fill(backward, float.PositiveInfinity);
        backward[rowOffset[n] + (m - band.Low(n))] = 0;
        Span<float> features = stackalloc float[BeadFeatures.Count];
        var shapes = BeadFeatures.Shapes;
        for (var i = n; i >= 0; i--)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int low = band.Low(i), high = band.High(i);
            for (var j = high; j >= low; j--)
            {
                if (i == n && j == m)
                {
                    continue;
                }

                var sum = double.PositiveInfinity;
                foreach (var (a, b) in shapes)
                {
                    int ni = i + a, nj = j + b;
                    if (ni > n || nj > m || nj < band.Low(ni) || nj > band.High(ni))
                    {
                        continue;
                    }

                    var next = backward[rowOffset[ni] + (nj - band.Low(ni))];
                    if (!float.IsPositiveInfinity(next))
                    {
                        sum = NegLogAdd(sum, next + BeadCost(doc, cells, scorer, options, i, a, j, b, features));
                    }
                }

                backward[rowOffset[i] + (j - low)] = (float)sum;
            }
        }

        return backward;
    }

    /// <summary>−log(e^(−x) + e^(−y)), stable for large arguments.</summary>
    private static double NegLogAdd(double x, double y)
    {
        if (double.IsPositiveInfinity(x))
        {
            return y;
        }

        if (double.IsPositiveInfinity(y))
        {
            return x;
        }

        var low = Math.Min(x, y);
        return low - Math.Log(1 + Math.Exp(low - Math.Max(x, y)));
    }

    private static int ShapeIndex(int a, int b)
    {
        var shapes = BeadFeatures.Shapes;
        for (var k = 0; k < shapes.Length; k++)
        {
            if (shapes[k].Source == a && shapes[k].Target == b)
            {
                return k;
            }
        }

        return 0;
    }
}
