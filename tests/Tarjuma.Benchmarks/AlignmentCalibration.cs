using System.Globalization;
using Tarjuma.Core.Alignment;
using Tarjuma.Evaluation.Alignment;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Reliability of bead confidences: predicted non-null beads binned by confidence, with the share
/// of them that are reference beads; plus how many right beads reach 0.5 and wrong ones stay below.
/// </summary>
internal sealed class AlignmentCalibration
{
    private const int Bins = 10;
    private readonly int[] _count = new int[Bins];
    private readonly int[] _correct = new int[Bins];
    private readonly double[] _sum = new double[Bins];

    public void Add(GoldDocument document, IEnumerable<Bead> beads)
    {
        static string Key(IEnumerable<int> s, IEnumerable<int> t) => string.Join(',', s) + "-" + string.Join(',', t);
        var gold = document.Links.Where(l => l.Tajik.Length > 0 && l.English.Length > 0).Select(l => Key(l.Tajik, l.English)).ToHashSet(StringComparer.Ordinal);
        foreach (var bead in beads.Where(b => !b.IsNull))
        {
            var bin = Math.Min(Bins - 1, (int)(bead.Confidence * Bins));
            _count[bin]++;
            _sum[bin] += bead.Confidence;
            _correct[bin] += gold.Contains(Key(bead.SourceIndices, bead.TargetIndices)) ? 1 : 0;
        }
    }

    public void Print(TextWriter writer)
    {
        int right = _correct.Sum(), wrong = _count.Sum() - right;
        int rightHigh = _correct.Skip(Bins / 2).Sum(), wrongLow = _count.Take(Bins / 2).Sum() - _correct.Take(Bins / 2).Sum();
        double expectedError = 0;
        for (var k = 0; k < Bins; k++)
        {
            if (_count[k] == 0)
            {
                continue;
            }

            var mean = _sum[k] / _count[k];
            var accuracy = (double)_correct[k] / _count[k];
            expectedError += Math.Abs(mean - accuracy) * _count[k];
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    confidence [{k / (double)Bins:0.0},{(k + 1) / (double)Bins:0.0}): {_count[k],5} beads, mean {mean:0.000}, right {accuracy:0.000}"));
        }

        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    right beads with confidence >= 0.5: {rightHigh}/{right} ({Rate(rightHigh, right):0.000}); wrong beads < 0.5: {wrongLow}/{wrong} "
                + $"({Rate(wrongLow, wrong):0.000}); ECE {expectedError / Math.Max(1, _count.Sum()):0.000}"));
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
