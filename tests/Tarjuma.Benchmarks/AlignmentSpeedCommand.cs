using System.Diagnostics;
using System.Globalization;
using Tarjuma.Alignment;
using Tarjuma.Evaluation.Alignment;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>align-speed [sentences]</c>: aligns one long document pair, default 10,000 × 10,000 sentences,
/// made by concatenating the NTREX-128 documents (with their merges and missing sentences) over and
/// over (see Concatenate). Runs plain Gale–Church, the full aligner (learned model,
/// transliteration; no memory lexicon) and, as an ablation, the full aligner with a realign pass,
/// in the same process, and prints time, allocation,
/// peak working set, strict F1 against the concatenated reference, and the time ratio.
/// </summary>
internal sealed class AlignmentSpeedCommand : IBenchmarkCommand
{
    public string Name => "align-speed";

    public string Description => "10,000 x 10,000 sentences: full aligner vs plain Gale-Church (time, memory, F1)";

    public Task<int> RunAsync(string[] args)
    {
        var documents = AlignmentData.LoadNtrex();
        if (documents is null)
        {
            return Task.FromResult(1);
        }

        var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var big = Concatenate(documents, size);
        Console.WriteLine($"document pair: {big.Tajik.Count} tg x {big.English.Count} en sentences, {big.Links.Count} reference beads");

        // Warm up the JIT and load the model outside the measured runs.
        _ = new SentenceAligner().Align(documents[0].Tajik, documents[0].English);
        _ = new SentenceAligner(AlignerOptions.Default with { Scoring = BeadScoring.GaleChurch }).Align(documents[0].Tajik, documents[0].English);

        var baseline = Measure("Gale-Church baseline", big, new SentenceAligner(AlignerOptions.Default with { Scoring = BeadScoring.GaleChurch }));
        var full = Measure("full aligner (ML, defaults)", big, new SentenceAligner());
        Measure("ablation: ML + realign pass", big, new SentenceAligner(AlignerOptions.Default with { Realign = true }));
        var analysis = Stopwatch.StartNew();
        var analyzer = new SentenceAligner();
        _ = analyzer.Analyze(big.Tajik, isTajik: true);
        _ = analyzer.Analyze(big.English, isTajik: false);
        Console.WriteLine(FormattableString.Invariant($"of which sentence analysis (both runs do it once): {analysis.Elapsed.TotalSeconds:0.00} s"));
        Console.WriteLine(FormattableString.Invariant($"time ratio full / Gale-Church: {full / baseline:0.00}"));
        Console.WriteLine(FormattableString.Invariant($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
        return Task.FromResult(full < 10 ? 0 : 4);
    }

    private static double Measure(string name, GoldDocument document, SentenceAligner aligner)
    {
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var beads = aligner.Align(document.Tajik, document.English);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var metrics = AlignmentMetrics.Score(document.Links, beads);
        Console.WriteLine(FormattableString.Invariant($"{name,-30} {watch.Elapsed.TotalSeconds,6:0.00} s  allocated {allocated / 1e6,7:0} MB  {metrics}"));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Documents one after another until both sides reach <paramref name="size"/>: the next one is
    /// taken, in turn, among those that pull the two sides back together (like two real long
    /// documents that end together), then both sides are cut at the last reference corner within the size.
    /// </summary>
    private static GoldDocument Concatenate(List<GoldDocument> documents, int size)
    {
        var tajik = new List<string>();
        var english = new List<string>();
        var links = new List<(int[], int[])>();
        var next = 0;
        while (tajik.Count < size || english.Count < size)
        {
            var wantEnglish = tajik.Count > english.Count;
            while ((documents[next % documents.Count].English.Count >= documents[next % documents.Count].Tajik.Count) != wantEnglish
                   && documents[next % documents.Count].English.Count != documents[next % documents.Count].Tajik.Count)
            {
                next++;
            }

            var document = documents[next++ % documents.Count];
            int tajikOffset = tajik.Count, englishOffset = english.Count;
            tajik.AddRange(document.Tajik);
            english.AddRange(document.English);
            links.AddRange(document.Links.Select(l => (l.Tajik.Select(i => i + tajikOffset).ToArray(), l.English.Select(i => i + englishOffset).ToArray())));
        }

        int endTajik = 0, endEnglish = 0, cut = 0;
        for (var k = 0; k < links.Count; k++)
        {
            var (t, e) = links[k];
            var tajikEnd = t.Length > 0 ? t[^1] + 1 : endTajik;
            var englishEnd = e.Length > 0 ? e[^1] + 1 : endEnglish;
            if (tajikEnd > size || englishEnd > size)
            {
                break;
            }

            (endTajik, endEnglish, cut) = (tajikEnd, englishEnd, k + 1);
        }

        return new GoldDocument("concatenated", tajik[..endTajik], english[..endEnglish], links[..cut]);
    }
}
