using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Segmenting ~4 million characters of news text (the ntrex-dev documents of the language,
/// repeated; read from <c>../shared/data</c> at setup, not copied): the built-in rules, the
/// OmegaT and LanguageTool SRX files, and a baseline <c>Regex.Split</c> on sentence punctuation
/// in the same run. MB/s = (UTF-8 bytes of the input, printed at setup) / mean time; the
/// <c>segment-throughput</c> command prints MB/s directly.
/// Run: <c>dotnet run -c Release --project tests/Tarjuma.Benchmarks -- bdn --filter '*Segmentation*'</c>.
/// </summary>
[MemoryDiagnoser]
public partial class SegmentationBenchmarks
{
    private readonly List<TextRange> _spans = new(100_000);
    private string _text = string.Empty;
    private Segmenter _builtIn = null!;
    private Segmenter _omegat = null!;
    private Segmenter _languageTool = null!;

    [Params("tg", "en")]
    public string Language { get; set; } = "tg";

    [GlobalSetup]
    public void Setup()
    {
        var data = SegmentationData.Root([]);
        _text = SegmentationData.Corpus(data, Language, 4_000_000);
        _builtIn = Segmenter.Create(new SegmenterOptions { Language = Language });
        _omegat = Segmenter.Create(new SegmenterOptions
        {
            Language = Language,
            Rules = SrxDocument.LoadFile(Path.Combine(data, "suites", "srx", "omegat",
            "defaultRules.srx"))
        });
        _languageTool = Segmenter.Create(new SegmenterOptions
        {
            Language = Language,
            Rules = SrxDocument.LoadFile(Path.Combine(data, "suites", "srx",
            "languagetool", "segment.srx"))
        });
        Console.WriteLine($"// {Language}: {_text.Length} chars, {System.Text.Encoding.UTF8.GetByteCount(_text) / 1e6:F2} MB UTF-8");
    }

    [Benchmark(Baseline = true)]
    public int RegexSplitBaseline() => SentenceEnd().Split(_text).Length;

    [Benchmark]
    public int BuiltInRules() => Run(_builtIn);

    [Benchmark]
    public int OmegaTRules() => Run(_omegat);

    [Benchmark]
    public int LanguageToolRules() => Run(_languageTool);

    private int Run(Segmenter segmenter)
    {
        _spans.Clear();
        segmenter.Segment(_text, _spans);
        return _spans.Count;
    }

    [GeneratedRegex(@"(?<=[.!?…])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
