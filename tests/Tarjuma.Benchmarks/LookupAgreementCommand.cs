using System.Diagnostics;
using System.Globalization;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>lookup-agreement [--units 100000] [--queries 200]</c>: in-process (labelled so), the index against
/// scoring every unit on the <see cref="RealisticMemory"/>: the share of queries with the same best
/// unit and score at min 30, 50 and 70, for 1 and 5 results, per query set (stored, edited long,
/// edited short), and the CPU time of both in the same run. <c>--misses</c> prints each disagreement (query, both best
/// units and scores, and the exhaustive scan's best as the index scores it) to find why it was missed.
/// </summary>
internal sealed class LookupAgreementCommand : IBenchmarkCommand
{
    private static readonly LanguageTag Tajik = LanguageTag.Parse("tg", "language");
    private static readonly LanguageTag English = LanguageTag.Parse("en", "language");

    public string Name => "lookup-agreement";

    public string Description => "in-process: index vs exhaustive scan on the realistic memory (same best unit and score) at min 30/50/70";

    public Task<int> RunAsync(string[] args)
    {
        var units = CommandArgs.Int(args, "--units", 100_000);
        var queryCount = CommandArgs.Int(args, "--queries", 200);
        var showMisses = args.Contains("--misses");
        var root = MatchingData.Root();
        if (root is null)
        {
            Console.Error.WriteLine("lookup-agreement needs ../shared/data (or TARJUMA_SHARED_DATA).");
            return Task.FromResult(1);
        }

        var memory = RealisticMemory.Load(root);
        var index = new MemoryIndex(Tajik, English);
        var id = 0;
        foreach (var (tajik, english) in memory.Units(units))
        {
            index.Add(new TranslationUnit { Id = ++id, Source = SegmentText.Plain(tajik), Target = SegmentText.Plain(english) });
        }

        var sets = new (string Name, List<string> Queries)[]
        {
            ("stored", memory.Stored(units, queryCount)),
            ("edited long", memory.EditedLong(queryCount)),
            ("edited short", memory.EditedShort(queryCount)),
        };
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        Console.WriteLine(Invariant($"in-process, {index.Count:N0} units of the realistic memory, {queryCount} queries per set; load average {load}"));
        Console.WriteLine("min  results  queries       same best   index cpu ms   exhaustive cpu ms");
        var worst = 1.0;
        foreach (var min in new[] { 70, 50, 30 })
        {
            foreach (var results in new[] { 1, 5 })
            {
                var options = new MatchOptions { MinScore = min, MaxResults = results };
                foreach (var (name, queries) in sets)
                {
                    var same = 0;
                    TimeSpan fastCpu = TimeSpan.Zero, fullCpu = TimeSpan.Zero;
                    foreach (var text in queries)
                    {
                        var query = MatchQuery.Plain(text);
                        var before = Process.GetCurrentProcess().TotalProcessorTime;
                        var fast = index.Search(query, options);
                        var middle = Process.GetCurrentProcess().TotalProcessorTime;
                        var full = index.SearchExhaustive(query, options);
                        fullCpu += Process.GetCurrentProcess().TotalProcessorTime - middle;
                        fastCpu += middle - before;
                        same += Best(fast) == Best(full) ? 1 : 0;
                        if (showMisses && Best(fast) != Best(full))
                        {
                            var fastScores = string.Join(' ', fast.Select(m => m.Score));
                            var fullScores = string.Join(' ', full.Select(m => m.Score));
                            Console.WriteLine(Invariant(
                                $"  miss at {min}/{results}: index {Best(fast)} [{fastScores}], exhaustive {Best(full)} [{fullScores}] for \"{text}\""));
                        }
                    }

                    var share = (double)same / queries.Count;
                    worst = Math.Min(worst, share);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{min,3} {results,8} "
                            + $" {name,-12} {share,9:P1} {fastCpu.TotalMilliseconds / queries.Count,14:F2} {fullCpu.TotalMilliseconds / queries.Count,19:F1}"));
                }
            }
        }

        Console.WriteLine(Invariant($"lowest agreement {worst:P1} (target >= 99.5 %)"));
        return Task.FromResult(worst >= 0.995 ? 0 : 1);
    }

    private static (long Unit, int Score) Best(IReadOnlyList<MatchCandidate> matches) => matches.Count > 0 ? (matches[0].UnitId, matches[0].Score) : (-1, -1);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
