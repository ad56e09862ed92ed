using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tarjuma.Core.Matching;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>lookup-index --db PATH [--rounds 3] [--queries 200] [--min M] [--results K] [--set NAME] [--query I] [--slow] [--dump FILE]
/// [--exhaustive]</c>:
/// in-process (labelled so), the lookups of <c>lookup-served</c> on the index snapshot its server wrote (<c>PATH.indexes</c>),
/// one thread: CPU and managed bytes allocated per query and the p50 / p99 of each query's fastest round, per threshold, result count and query set. The
/// engine's own cost without gRPC or the store, for comparing builds of the matcher quickly; <c>--dump</c> writes every result
/// (unit id and score) so two builds can be compared for identical answers (<c>cmp</c>); <c>--exhaustive</c> also scores every unit
/// for each query (slow: use it with <c>--query</c>, <c>--set</c>, <c>--min</c>) and prints the queries whose results differ.
/// </summary>
internal sealed class LookupIndexCommand : IBenchmarkCommand
{
    private static readonly int[] Thresholds = [70, 50, 30];
    private static readonly int[] ResultCounts = [1, 5];

    public string Name => "lookup-index";

    public string Description => "in-process: the lookup-served queries on the 1M index snapshot, CPU per query and result dump";

    public Task<int> RunAsync(string[] args)
    {
        var database = CommandArgs.Text(args, "--db");
        var rounds = CommandArgs.Int(args, "--rounds", 3);
        var queryCount = CommandArgs.Int(args, "--queries", 200);
        var dump = CommandArgs.Text(args, "--dump");
        var onlyMin = CommandArgs.Int(args, "--min", 0);
        var onlyResults = CommandArgs.Int(args, "--results", 0);
        var onlySet = CommandArgs.Text(args, "--set");
        var onlyQuery = CommandArgs.Int(args, "--query", -1);
        var exhaustive = args.Contains("--exhaustive");
        var root = MatchingData.Root();
        if (database is null || !Directory.Exists(database + ".indexes") || root is null)
        {
            Console.Error.WriteLine("lookup-index needs --db PATH (a database whose server wrote snapshots: run lookup-served --db PATH) and ../shared/data.");
            return Task.FromResult(2);
        }

        var memory = RealisticMemory.Load(root);
        var snapshot = Directory.GetFiles(database + ".indexes", "*.source.tjix").MaxBy(path => new FileInfo(path).Length)!;
        var clock = Stopwatch.StartNew();
        var index = MemoryIndex.ReadSnapshot(snapshot).Index;
        Console.WriteLine(Invariant($"in-process, one thread; {index.Count:N0} units read in {clock.Elapsed.TotalSeconds:F1} s; load average {LoadAverage()}"));
        var units = index.Count;
        var sets = new (string Name, List<string> Queries)[]
        {
            ("stored", memory.Stored(units, queryCount)),
            ("edited long", memory.EditedLong(queryCount)),
            ("edited short", memory.EditedShort(queryCount)),
        };

        // Warm-up: every query once at min 50 (JIT to tier 1, scratch buffers), not counted.
        foreach (var (_, queries) in sets)
        {
            foreach (var text in queries.Take(60))
            {
                index.Search(MatchQuery.Plain(text), new MatchOptions { MinScore = 50, MaxResults = 5 });
            }
        }

        var output = new StringBuilder();
        Console.WriteLine("min  results  queries        cpu ms/query  p50 ms  p99 ms  max ms  matched  KB allocated/query");
        double total = 0;
        foreach (var min in Thresholds)
        {
            foreach (var results in ResultCounts)
            {
                foreach (var (name, all) in sets)
                {
                    if ((onlyMin != 0 && min != onlyMin) || (onlyResults != 0 && results != onlyResults) || (onlySet is not null && onlySet != name))
                    {
                        continue;
                    }

                    var options = new MatchOptions { MinScore = min, MaxResults = results };
                    // --query I: that query of the set alone, every round (for profiling a slow one).
                    List<string> queries = onlyQuery >= 0 ? [all[onlyQuery]] : all;

                    var fastest = Enumerable.Repeat(double.MaxValue, queries.Count).ToArray();
                    var matched = 0;
                    var slow = new List<(double Ms, string What)>();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    for (var round = 0; round < rounds; round++)
                    {
                        for (var q = 0; q < queries.Count; q++)
                        {
                            var watch = Stopwatch.StartNew();
                            var found = index.Search(MatchQuery.Plain(queries[q]), options);
                            fastest[q] = Math.Min(fastest[q], watch.Elapsed.TotalMilliseconds);
                            if (round == rounds - 1 && args.Contains("--slow"))
                            {
                                var scores = string.Join(',', found.Select(f => f.Score));
                                slow.Add((fastest[q], Invariant($"#{q} {queries[q].Split(' ').Length} words, scores {scores}: {queries[q]}")));
                            }

                            if (round == 0 && exhaustive)
                            {
                                PrintDisagreement(index, queries[q], options, found);
                            }

                            if (round == 0)
                            {
                                matched += found.Count > 0 ? 1 : 0;
                                output.Append(Invariant($"{min} {results} {name} {q}:"));
                                foreach (var match in found)
                                {
                                    output.Append(Invariant($" {match.UnitId}/{match.Score}"));
                                }

                                output.Append('\n');
                            }
                        }
                    }

                    foreach (var (ms, what) in slow.OrderByDescending(x => x.Ms).Take(12))
                    {
                        Console.WriteLine(Invariant($"   {ms:F2} ms {what}"));
                    }

                    var perQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / (rounds * queries.Count);
                    var allocatedPerQuery = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / (rounds * queries.Count);
                    total += perQuery;
                    Array.Sort(fastest);
                    Console.WriteLine(Invariant(
                        $"{min,3}  {results,7}  {name,-13}  {perQuery,12:F2}  {fastest[fastest.Length / 2],6:F2}  {fastest[(int)(fastest.Length * 0.99)],6:F2}")
                        + Invariant($"  {fastest[^1],6:F2}  {matched,7}  {allocatedPerQuery,18:F1}"));
                }
            }
        }

        Console.WriteLine(Invariant(
            $"mean over the rows: {total / (Thresholds.Length * ResultCounts.Length * sets.Length):F2} ms CPU per query; load average {LoadAverage()}"));
        if (dump is not null)
        {
            File.WriteAllText(dump, output.ToString());
            Console.WriteLine($"results written to {dump}");
        }

        return Task.FromResult(0);
    }

    private static void PrintDisagreement(MemoryIndex index, string text, MatchOptions options, IReadOnlyList<MatchCandidate> found)
    {
        var full = index.SearchExhaustive(MatchQuery.Plain(text), options);
        static string Show(IReadOnlyList<MatchCandidate> matches) => string.Join(' ', matches.Select(m => Invariant($"{m.UnitId}/{m.Score}")));
        if (Show(full) != Show(found))
        {
            Console.WriteLine(Invariant($"   differs at min {options.MinScore}: {text}\n     index:      {Show(found)}\n     exhaustive: {Show(full)}"));
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
