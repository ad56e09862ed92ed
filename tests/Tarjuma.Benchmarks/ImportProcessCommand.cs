using System.Globalization;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>import-process [--units N] [--rounds R] [--tmx FILE] [--data DIR]</c>: the whole <c>tarjuma import</c>
/// process (start to exit, into a new database file each run) on an N-unit TMX (default 1,000,000) built
/// from real text — the match-scale generator over <c>../shared/data</c>: real pairs, near-duplicates,
/// recombinations and short windows — alternating in the same run with the naive Python importer
/// (<c>Scripts/naive_import.py</c>: iterparse + executemany in one transaction, no NFC, no dedup, no
/// index). Prints units/s and peak RSS of each run and the per-round ratio. <c>--tmx FILE</c> keeps the
/// generated file there (or reuses it when it exists); <c>--cli DLL</c> runs another build of <c>tarjuma</c>
/// (an earlier commit's, for a before/after figure).
/// </summary>
internal sealed class ImportProcessCommand : IBenchmarkCommand
{
    public string Name => "import-process";

    public string Description => "whole-process `tarjuma import` of a 1M-unit TMX vs a naive Python importer [--units N] [--rounds R] [--tmx FILE] [--cli DLL]";

    public async Task<int> RunAsync(string[] args)
    {
        var units = CommandArgs.Int(args, "--units", 1_000_000);
        var rounds = CommandArgs.Int(args, "--rounds", 3);
        var cli = CommandArgs.Text(args, "--cli") ?? WholeProcess.CliDll;
        var data = SegmentationData.Root(args);
        if (!Directory.Exists(data))
        {
            Console.Error.WriteLine($"import-process needs the development data ({data}; --data DIR or TARJUMA_SHARED_DATA).");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var tmx = CommandArgs.Text(args, "--tmx") ?? Path.Combine(folder, "memory.tmx");
            if (!File.Exists(tmx))
            {
                await WriteTmxAsync(tmx, data, units);
            }

            Console.WriteLine(Invariant($"TMX {tmx}: {new FileInfo(tmx).Length / 1e6:F0} MB, {units:N0} units; load average {WholeProcess.LoadAverage()}"));
            var tarjumaRates = new List<double>();
            var naiveRates = new List<double>();
            var ratios = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                // Alternate which goes first, so a burst of load from other processes hits both alike.
                double tarjuma = 0, naive = 0;
                foreach (var which in round % 2 == 1 ? new[] { "tarjuma", "naive" } : ["naive", "tarjuma"])
                {
                    var database = Path.Combine(folder, Invariant($"{which}-{round}.db"));
                    if (string.Equals(which, "tarjuma", StringComparison.Ordinal))
                    {
                        var run = await WholeProcess.RunAsync(
                            "dotnet", [cli, "import", "--db", database, "--memory", "bench", "--source-lang", "tg", "--target-lang", "en", tmx]);
                        tarjuma = units / run.Elapsed.TotalSeconds;
                        Console.WriteLine(Invariant($"round {round} tarjuma import: {run.Elapsed.TotalSeconds:F1} s = {tarjuma:N0} units/s, ")
                            + Invariant($"{run.Cpu.TotalSeconds:F1} CPU-s, peak RSS {run.PeakRssBytes / 1048576.0:F0} MiB; {LastLine(run.Stderr)}"));
                    }
                    else
                    {
                        var run = await WholeProcess.RunAsync(WholeProcess.Python, [WholeProcess.Script("naive_import.py"), tmx, database]);
                        naive = units / run.Elapsed.TotalSeconds;
                        Console.WriteLine(Invariant($"round {round} naive Python:   {run.Elapsed.TotalSeconds:F1} s = {naive:N0} units/s, ")
                            + Invariant($"{run.Cpu.TotalSeconds:F1} CPU-s, peak RSS {run.PeakRssBytes / 1048576.0:F0} MiB"));
                    }

                    DeleteDatabase(database);
                }

                tarjumaRates.Add(tarjuma);
                naiveRates.Add(naive);
                ratios.Add(tarjuma / naive);
                Console.WriteLine(Invariant($"round {round} ratio tarjuma / naive: {tarjuma / naive:F2}; load average {WholeProcess.LoadAverage()}"));
            }

            Console.WriteLine(Invariant($"tarjuma import {WholeProcess.Range(tarjumaRates, "N0")} units/s; ")
                + Invariant($"naive Python {WholeProcess.Range(naiveRates, "N0")} units/s; ") + Invariant(
                $"ratio {WholeProcess.Range(ratios, "F2")} (median {WholeProcess.Median(ratios):F2}) over {rounds} alternating rounds"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The realistic memory as TMX, written through the same writer <c>tarjuma export</c> uses. The generator
    /// repeats pairs (about a third of its units); a memory's export has none, so repeats are dropped,
    /// and one unit in <see cref="RepeatEvery"/> is an exact copy of an earlier one for the import to merge.
    /// </summary>
    private static async Task WriteTmxAsync(string path, string data, int units)
    {
        var generator = new MatchingMemoryGenerator(MatchingMemoryGenerator.LoadBase(data));
        var memory = new MemoryInfo { Name = "bench", SourceLanguage = LanguageTag.Parse("tg", "source"), TargetLanguage = LanguageTag.Parse("en", "target") };
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await TmxWriter.WriteAsync(stream, memory, UniqueWithRepeats(generator, units).ToAsyncEnumerable());
    }

    /// <summary>One unit in this many repeats an earlier one exactly (5 %).</summary>
    private const int RepeatEvery = 20;

    private static IEnumerable<TranslationUnit> UniqueWithRepeats(MatchingMemoryGenerator generator, int units)
    {
        var seen = new HashSet<(string, string)>();
        var written = new List<TranslationUnit>(units);
        var random = new Random(20261130);
        foreach (var unit in generator.Generate(int.MaxValue))
        {
            if (written.Count >= units)
            {
                yield break;
            }

            if (written.Count > 0 && written.Count % RepeatEvery == 0)
            {
                var repeat = written[random.Next(written.Count)];
                written.Add(repeat);
                yield return repeat;
            }

            if (written.Count < units && seen.Add((unit.Source.Text, unit.Target.Text)))
            {
                written.Add(unit);
                yield return unit;
            }
        }
    }

    private static void DeleteDatabase(string database)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(database + suffix);
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
