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
    /// Cells (source × band width) searched at most: bounds memory to about 15 bytes a cell
    /// (cell evidence, cost, back-pointer), i.e. ~240 MB, whatever the documents.
    /// </summary>
    public const long MaxBandCells = 16_000_000;

    /// <summary>Gale &amp; Church (1993, table 5) bead priors, for the baseline and the hand-weighted ablation.</summary>
    private static readonly double[] GaleChurchPriors = [0.89, 0.0099 / 2, 0.0099 / 2, 0.089 / 2, 0.089 / 2, 0.011, 0.0005, 0.0005];

    /// <summary>
    /// Searches <paramref name="makeBand"/>(width), doubling the width while the best path runs
    /// along an edge the documents do not force and the band stays under <see cref="MaxBandCells"/>.
    /// </summary>
    public static List<Bead> Run(DocumentPair doc, BeadScorer? scorer, AlignerOptions options, Func<int, Band> makeBand, int halfWidth, CancellationToken cancellationToken = default)
    {
        var n = doc.Source.Length;
        var m = doc.Target.Length;
        while (true)
        {
            var band = makeBand(halfWidth);
            var (beads, touchesEdge) = Search(doc, band, scorer, options, cancellationToken);
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
    private static (List<Bead>? Beads, bool TouchesEdge) Search(DocumentPair doc, Band band, BeadScorer? scorer, AlignerOptions options, CancellationToken cancellationToken)
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
        Array.Fill(cost, float.PositiveInfinity);
        cost[0] = 0;
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

                    var total = previous + (float)BeadCost(doc, cells, scorer, options, pi, a, pj, b, features);
                    if (total < best)
                    {
                        best = total;
                        bestShape = k;
                    }
                }

                var index = rowOffset[i] + (j - low);
                cost[index] = best;
                back[index] = bestShape;
            }
        }

        if (float.IsPositiveInfinity(cost[rowOffset[n] + (m - band.Low(n))]))
        {
            return (null, true);
        }

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
            beads.Add(MakeBead(doc, cells, scorer, options, ci, a, cj, b, features));
        }

        beads.Reverse();
        return (beads, touches);
    }

    public static double BeadCost(DocumentPair doc, CellCache? cells, BeadScorer? scorer, AlignerOptions options, int i0, int a, int j0, int b, Span<float> features)
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
                return -Math.Log(Math.Max(scorer!.Probability(features), 1e-9));
            default:
                // Hand-set weights, the ablation without the learned combination.
                return -Math.Log(GaleChurchPriors[shape]) + features[0]
                    - (1.5 * features[7]) + (0.7 * features[8]) - (1.5 * features[9]) - (1.5 * features[12])
                    + (0.7 * features[14]) - (2.0 * (features[15] + features[16]));
        }
    }

    private static Bead MakeBead(DocumentPair doc, CellCache? cells, BeadScorer? scorer, AlignerOptions options, int i0, int a, int j0, int b, Span<float> features)
    {
        double confidence;
        if (a == 0 || b == 0)
        {
            // A lone sentence is right when it matches neither neighbour on the other side.
            var bestPair = 0.0;
            for (var other = Math.Max(0, (a == 0 ? i0 : j0) - 1); other <= (a == 0 ? i0 : j0); other++)
            {
                var (s, t) = a == 0 ? (other, j0) : (i0, other);
                if (s < doc.Source.Length && t < doc.Target.Length)
                {
                    bestPair = Math.Max(bestPair, Math.Exp(-BeadCost(doc, cells, scorer, options, s, 1, t, 1, features)));
                }
            }

            confidence = 1 - bestPair;
        }
        else
        {
            confidence = Math.Exp(-BeadCost(doc, cells, scorer, options, i0, a, j0, b, features));
        }

        confidence = Math.Clamp(confidence, 0, 1);
        return new Bead(i0, a, j0, b, confidence, confidence < options.ReviewThreshold || a == 0 || b == 0);
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
