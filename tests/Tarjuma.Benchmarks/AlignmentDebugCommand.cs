using System.Globalization;
using Tarjuma.Alignment;
using Tarjuma.Alignment.Evidence;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Benchmarks;

/// <summary><c>align-debug tg en</c>: features and probabilities of the diagonal beads of a pair (diagnosis).</summary>
internal sealed class AlignmentDebugCommand : IBenchmarkCommand
{
    public string Name => "align-debug";

    public string Description => "print bead features of a document pair's diagonal (diagnosis)";

    public Task<int> RunAsync(string[] args)
    {
        var tg = Segment(File.ReadAllText(args[0]), "tg");
        var en = Segment(File.ReadAllText(args[1]), "en");
        var source = tg.Select(t => SentenceAnalyzer.Analyze(t, tajik: true, transliterate: true)).ToArray();
        var target = en.Select(t => SentenceAnalyzer.Analyze(t, tajik: false, transliterate: true)).ToArray();
        var pair = new DocumentPair(source, target, BilingualLexicon.Empty, LengthModel.TajikEnglish.ForDocument(source, target));
        var cells = new CellCache(pair, Band.Diagonal(source.Length, target.Length, 40));
        Console.WriteLine(string.Join(' ', BeadFeatures.Names));
        var f = new float[BeadFeatures.Count];
        var w = BeadScorer.Shipped.Weights;
        for (var i = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0; i < Math.Min(source.Length, target.Length); i++)
        {
            foreach (var (a, b) in new[] { (1, 1), (2, 1), (1, 2), (2, 2) })
            {
                if (i + a > source.Length || i + b > target.Length)
                {
                    continue;
                }

                BeadFeatures.Compute(pair, cells, i, a, i, b, f);
                var p = BeadScorer.Shipped.Probability(f);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{i} {a}-{b} p={p:0.000} len {source[i].Length}/{target[i].Length} names {string.Join(',', source[i].Names)} "
                        + $"| {string.Join(',', target[i].Names)} anchors {source[i].Anchors.Length}/{target[i].Anchors.Length}"));
                Console.WriteLine("   " + string.Join(' ', Enumerable.Range(0,
                    f.Length).Where(k => f[k] != 0).Select(k => string.Create(CultureInfo.InvariantCulture,
                        $"{BeadFeatures.Names[k]}={f[k]:0.00}({w[k] * f[k]:0.00})"))));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bias {BeadScorer.Shipped.Bias:0.00}"));
        return Task.FromResult(0);
    }

    private static List<string> Segment(string text, string language)
    {
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = language });
        return [.. segmenter.Segment(text).Select(span => text.Substring(span.Start, span.Length))];
    }
}
