using System.Diagnostics;
using System.Globalization;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>xliff-throughput [--segments N]</c>: pre-translates a generated XLIFF 1.2 file of N one-sentence
/// units through the whole <c>tarjuma pretranslate --db</c> process (start-up and index build included)
/// and reports segments/s and the process's peak resident memory; the same segments as a plain-text
/// document (<c>--presegmented</c>) in the same run are the baseline. The memory is the NTREX dev pairs;
/// the document cycles through their Tajik sides, every third sentence with a number changed and every
/// third with a word added, so there are exact, in-context, fuzzy and placeable-carrying matches.
/// </summary>
internal sealed partial class XliffThroughputCommand : IBenchmarkCommand
{
    public string Name => "xliff-throughput";

    public string Description => "XLIFF pre-translation through the CLI process: segments/s, peak memory, vs plain text";

    public async Task<int> RunAsync(string[] args)
    {
        var count = CommandArgs.Int(args, "--segments", 100_000);
        var root = MatchingData.Root() ?? throw new InvalidOperationException("../shared/data is missing.");
        var pairs = MatchingData.NtrexPairs(root);
        var folder = Directory.CreateTempSubdirectory("tarjuma-xliff-bench").FullName;
        try
        {
            var tmx = Path.Combine(folder, "memory.tmx");
            XliffDocuments.WriteTmx(tmx, pairs.Select(p => (p.Tajik, p.English)));
            var database = Path.Combine(folder, "bench.db");
            await RunCliAsync(["import", "--db", database, "--memory", "m", "--source-lang", "tg", "--target-lang", "en", tmx]);

            var sentences = Enumerable.Range(0, count).Select(i => Vary(pairs[i % pairs.Count].Tajik, i)).ToList();
            var xliff = Path.Combine(folder, "in.xlf");
            XliffDocuments.Write(xliff, sentences);
            var text = Path.Combine(folder, "in.txt");
            await File.WriteAllLinesAsync(text, sentences);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"document: {count:N0} segments, XLIFF {new FileInfo(xliff).Length / 1048576.0:F1} MiB; memory {pairs.Count} NTREX pairs"));

            var (xliffTime, xliffPeak, summary) = await RunCliAsync(["pretranslate", "--db", database, "--memory", "m", "--fill-min-score", "75", xliff,
                Path.Combine(folder, "out.xlf")]);
            var (textTime, textPeak, _) = await RunCliAsync(["pretranslate", "--db", database, "--memory", "m", "--presegmented", text]);
            // Our SRX rules cut some units into several segments: the XLIFF run looks up more segments than units.
            var looked = int.Parse(SegmentsLookedUp().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
            Console.WriteLine($"  {summary.Trim()}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"XLIFF pretranslate (whole process): {looked / xliffTime.TotalSeconds:N0} segments/s, {count / xliffTime.TotalSeconds:N0} units/s "
                    + $"({looked:N0} segments in {xliffTime.TotalSeconds:F1} s), peak RSS {xliffPeak / 1048576.0:F0} MiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"plain-text pretranslate, the units as segments (baseline): {count / textTime.TotalSeconds:N0} segments/s ({textTime.TotalSeconds:F1} "
                    + $"s), peak RSS {textPeak / 1048576.0:F0} MiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio XLIFF / text, segments/s: {looked / xliffTime.TotalSeconds / (count / textTime.TotalSeconds):F2}"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every third sentence keeps its text, every third gets its first number changed, every third a word more.</summary>
    private static string Vary(string sentence, int i) => (i % 3) switch
    {
        0 => sentence,
        1 => ChangeFirstNumber(sentence, i),
        _ => sentence.Insert(sentence.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : 0, " нав"),
    };

    private static string ChangeFirstNumber(string sentence, int i)
    {
        var at = sentence.AsSpan().IndexOfAnyInRange('0', '9');
        return at < 0 ? sentence + " " + (i % 97).ToString(CultureInfo.InvariantCulture) : sentence.Remove(at, 1).Insert(at,
            ((sentence[at] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Runs the CLI; returns the wall time, the peak resident set (VmHWM) and stderr.</summary>
    private static async Task<(TimeSpan Time, long PeakBytes, string Error)> RunCliAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Tarjuma.Reliability.Tests.ServerProcess.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        clock.Stop();
        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tarjuma {string.Join(' ', arguments)} failed: {await error}");
        }

        return (clock.Elapsed, peak, await error);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"of (\d+) segments filled")]
    private static partial System.Text.RegularExpressions.Regex SegmentsLookedUp();

    /// <summary>The process's peak resident set from <c>/proc/PID/status</c> (Linux), 0 elsewhere or after exit.</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
