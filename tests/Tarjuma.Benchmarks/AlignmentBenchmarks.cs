using BenchmarkDotNet.Attributes;
using Tarjuma.Alignment;
using Tarjuma.Evaluation.Alignment;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Aligning one document pair of about 1,000 × 1,000 sentences (the NTREX-128 dev documents
/// concatenated), plain Gale–Church against the full aligner. Needs <c>../shared/data</c>.
/// Run: <c>-- bdn --filter '*AlignmentBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class AlignmentBenchmarks
{
    private readonly SentenceAligner _galeChurch = new(AlignerOptions.Default with { Scoring = BeadScoring.GaleChurch });
    private readonly SentenceAligner _full = new();
    private List<string> _tajik = [];
    private List<string> _english = [];

    [GlobalSetup]
    public void Setup()
    {
        var documents = AlignmentData.LoadNtrex() ?? throw new InvalidOperationException("NTREX data is missing.");
        for (var k = 0; _tajik.Count < 1000; k++)
        {
            GoldDocument document = documents[k % documents.Count];
            _tajik.AddRange(document.Tajik);
            _english.AddRange(document.English);
        }
    }

    [Benchmark(Baseline = true)]
    public int GaleChurch() => _galeChurch.Align(_tajik, _english).Count;

    [Benchmark]
    public int Full() => _full.Align(_tajik, _english).Count;
}
