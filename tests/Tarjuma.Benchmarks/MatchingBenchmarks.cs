using BenchmarkDotNet.Attributes;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Benchmarks;

/// <summary>
/// The matching hot paths on sentences of our own (no shared data needed): tokenising a news
/// sentence, the weighted distance of two sentences, and a lookup in a 20,000-unit index built
/// by recombining the sentences. Run with <c>-- bdn --filter '*Matching*'</c>.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private static readonly string[] Sentences =
    [
        "Соли 2023 дар шаҳри Душанбе се мактаби нав бо 1\u00A0200 ҷойи нишаст сохта шуд.",
        "Президент дар ҷаласаи ҳукумат оид ба рушди иқтисодиёт ва кишоварзӣ суханронӣ кард.",
        "Даромади ширкат дар нимсолаи аввал 1,2 млрд. сомониро ташкил дод.",
        "Мутахассисон боварӣ доранд, ки нархи маҳсулоти хӯрока дар фасли зимистон боло меравад.",
        "Маълумоти бештар дар сомонаи https://example.tj/news ҷойгир карда шудааст.",
    ];

    private MemoryIndex _index = null!;
    private MatchToken[] _a = [];
    private MatchToken[] _b = [];
    private MatchQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tajik = LanguageTag.Parse("tg", "language");
        var english = LanguageTag.Parse("en", "language");
        _index = new MemoryIndex(tajik, english);
        var random = new Random(1);
        for (var id = 1; id <= 20_000; id++)
        {
            var first = Sentences[random.Next(Sentences.Length)].Split(' ');
            var second = Sentences[random.Next(Sentences.Length)].Split(' ');
            var text = string.Join(' ', first.Take(random.Next(2, first.Length)).Concat(second.Skip(random.Next(1, second.Length - 1))));
            _index.Add(new TranslationUnit { Id = id, Source = SegmentText.Plain(text), Target = SegmentText.Plain("translation " + id) });
        }

        _a = [.. Tokenizer.Tokenize(SegmentText.Plain(Sentences[0]), NumberConvention.DecimalComma)];
        _b = [.. Tokenizer.Tokenize(SegmentText.Plain(Sentences[1]), NumberConvention.DecimalComma)];
        _query = MatchQuery.Plain("Соли 2024 дар шаҳри Хуҷанд се мактаби нав сохта шуд.");
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark]
    public int Tokenize() => Tokenizer.Tokenize(SegmentText.Plain(Sentences[0]), NumberConvention.DecimalComma).Count;

    [Benchmark]
    public int Distance() => FuzzyScorer.Distance(_a, _b, MatchOptions.Default);

    [Benchmark]
    public int Lookup() => _index.Search(_query).Count;
}
