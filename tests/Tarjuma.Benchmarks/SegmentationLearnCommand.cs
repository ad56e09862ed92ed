using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tarjuma.Core.Segmentation;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Evaluation.Segmentation;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Learns Tajik abbreviations from the shared Tajik text (not NTREX), and measures: what was
/// learned from the training documents and how it shows in the held-out ones (to judge by
/// reading), boundary F1 on NTREX tg with and without the learned rules, learning speed on
/// <c>--units</c> texts, and segmentation speed with the learned rules against the built-in ones
/// in the same run. <c>--write FILE</c> writes the list learned from all of the text;
/// <c>--lang en</c> runs the learning part on the English side instead, which has abbreviations.
/// </summary>
internal sealed class SegmentationLearnCommand : IBenchmarkCommand
{
    /// <summary>The domain abbreviations issue #17 names (law, agriculture, finance, academia).</summary>
    private static readonly string[] IssueExamples = ["мас", "м", "б", "қ", "га", "ц", "сом", "млн", "д.и.ф", "н.и.т"];

    public string Name => "segmentation-learn";

    public string Description =>
        "learned abbreviations: list, held-out sample, F1 with/without, speed [--data DIR] [--lang tg|en] [--units N] [--chars N] [--rounds N] [--write FILE]";

    public Task<int> RunAsync(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var data = SegmentationData.Root(args);
        var language = CommandArgs.Text(args, "--lang") ?? "tg";
        var texts = TrainingText.Read(data, language);
        var training = texts.Where(t => !TrainingText.IsHeldOut(t.Document)).ToList();
        var heldOut = texts.Where(t => TrainingText.IsHeldOut(t.Document)).ToList();
        Console.WriteLine(string.Create(inv,
            $"{language} text: {texts.Count} texts, {texts.Sum(t => t.Content.Length)} chars in {texts.Select(t => t.Document).Distinct().Count()} documents"));
        Console.WriteLine($"held out: {string.Join(", ", heldOut.Select(t => t.Document).Distinct().Order(StringComparer.Ordinal))}");

        // 1. Learned from the training documents; their held-out occurrences, to read and judge.
        var fromTraining = Learn(training.Select(t => t.Content), out var trainingCounts);
        Console.WriteLine(string.Create(inv,
            $"training: {training.Count} texts, {trainingCounts.Tokens} tokens, {trainingCounts.PeriodTokens} with a period; learned {fromTraining.Count}"));
        foreach (var a in fromTraining)
        {
            Console.WriteLine(string.Create(inv,
                $"  {a.Text}.  score {a.Score:F2}  with/without period {a.WithPeriod}/{a.WithoutPeriod}  continuation {a.ContinuationShare:P0}"));
            foreach (var context in Contexts(heldOut, a.Text).Take(3))
            {
                Console.WriteLine($"      held-out: …{context}…");
            }
        }

        var fromHeldOut = Learn(heldOut.Select(t => t.Content), out _);
        Console.WriteLine($"learned from the held-out documents alone ({fromHeldOut.Count}): {string.Join(" ", fromHeldOut.Select(a => a.Text + "."))}");

        // 2. The list from all of the text, as shipped; F1 on NTREX tg with and without it.
        var all = Learn(texts.Select(t => t.Content), out _);
        Console.WriteLine($"learned from all ({all.Count}): {string.Join(" ", all.Select(a => a.Text + "."))}");
        if (CommandArgs.Text(args, "--write") is { } output)
        {
            File.WriteAllLines(output, all.Select(a => a.Text));
            Console.WriteLine($"wrote {output}");
        }

        var documents = SegmentationEvaluation.ReadDocuments(Path.Combine(data, "ntrex-dev", $"segmentation.{language}.jsonl"));
        var builtIn = Segmenter.Create(new SegmenterOptions { Language = language });
        var learnedRules = AbbreviationRules.Build("learned", language, all.Select(a => a.Text));
        var learned = Segmenter.Create(new SegmenterOptions { Language = language, Rules = learnedRules });
        foreach (var (name, segmenter) in new[] { ("built-in", builtIn), ("built-in + learned", learned) })
        {
            var s = SegmentationEvaluation.ScoreDocuments(documents, segmenter).Score;
            Console.WriteLine(string.Create(inv,
                $"ntrex-dev {language}, {name}: P={s.Precision:F4} R={s.Recall:F4} F1={s.F1:F4} (tp {s.TruePositives}, fp {s.FalsePositives}, "
                    + $"fn {s.FalseNegatives})"));
        }

        // 3. Learning speed: --units texts (the Tajik texts repeated), counted and learned.
        var units = CommandArgs.Int(args, "--units", 100_000);
        var stream = Enumerable.Range(0, units).Select(i => texts[i % texts.Count].Content).ToList();
        var clock = Stopwatch.StartNew();
        var speed = Learn(stream, out var speedCounts);
        clock.Stop();
        Console.WriteLine(string.Create(inv,
            $"learning: {units} units ({stream.Sum(t => (long)t.Length)} chars, {speedCounts.Tokens} tokens) in {clock.Elapsed.TotalMilliseconds:F0} "
                + $"ms, {speed.Count} learned"));

        // 4. Segmentation speed, built-in against learned rules, same run, alternating. The list:
        // what was learned plus the domain abbreviations the issue names, so that the rule is
        // never empty (the shared Tajik text has no abbreviations to learn).
        var timed = Segmenter.Create(new SegmenterOptions
        {
            Language = language,
            Rules = AbbreviationRules.Build("learned", language, all.Select(a => a.Text).Concat(IssueExamples)),
        });
        var corpus = SegmentationData.Corpus(data, language, CommandArgs.Int(args, "--chars", 5_000_000));
        var spans = new List<Core.Model.TextRange>();
        builtIn.Segment(corpus, spans);
        timed.Segment(corpus, spans);
        // The machine is shared: the best of many alternating rounds is the least disturbed.
        var rounds = CommandArgs.Int(args, "--rounds", 15);
        double builtInBest = double.MaxValue, learnedBest = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            builtInBest = Math.Min(builtInBest, Time(builtIn, corpus, spans));
            learnedBest = Math.Min(learnedBest, Time(timed, corpus, spans));
        }

        Console.WriteLine(string.Create(inv,
            $"segmenting {corpus.Length} chars (best of {rounds}): built-in {builtInBest:F0} ms ({corpus.Length / builtInBest / 1000:F1} M chars/s), "
                + $"learned ({IssueExamples.Length} + {all.Count} entries) {learnedBest:F0} ms; ratio learned/built-in {learnedBest / builtInBest:F3}"));
        return Task.FromResult(0);
    }

    private static IReadOnlyList<LearnedAbbreviation> Learn(IEnumerable<string> texts, out AbbreviationCounts counts)
    {
        counts = new AbbreviationCounts();
        foreach (var text in texts)
        {
            counts.Add(text);
        }

        return AbbreviationLearner.Learn(counts);
    }

    private static double Time(Segmenter segmenter, string corpus, List<Core.Model.TextRange> spans)
    {
        spans.Clear();
        var clock = Stopwatch.StartNew();
        segmenter.Segment(corpus, spans);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Where the abbreviation stands with its period in the texts, 30 characters each side.</summary>
    private static IEnumerable<string> Contexts(List<TrainingText.Text> texts, string abbreviation)
    {
        var needle = abbreviation + ".";
        foreach (var text in texts)
        {
            var content = text.Content;
            for (var at = content.IndexOf(needle, StringComparison.OrdinalIgnoreCase); at >= 0; at = content.IndexOf(needle, at + 1,
                StringComparison.OrdinalIgnoreCase))
            {
                if (at > 0 && char.IsLetter(content[at - 1]))
                {
                    continue;
                }

                var from = Math.Max(0, at - 30);
                var to = Math.Min(content.Length, at + needle.Length + 30);
                yield return new StringBuilder(content, from, to - from, to - from).Replace('\n', '⏎').ToString();
            }
        }
    }
}
