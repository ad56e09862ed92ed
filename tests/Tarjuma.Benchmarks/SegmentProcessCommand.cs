using System.Globalization;
using System.Text;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>segment-process [--mb N] [--rounds R] [--locale L] [--cli DLL]</c>: the whole <c>tarjuma segment --lang tg</c> process
/// (start to exit, stdin and stdout redirected to files) on about N MB (default 110) of Tajik running text —
/// the development documents (<c>ntrex-dev/segmentation.tg.jsonl</c>) repeated into a temporary file —
/// alternating in the same run with ICU's sentence BreakIterator (<c>Scripts/icu_segment.py</c>, PyICU,
/// locale <c>tg</c>: ICU's root rules) on the same file, writing one sentence per line too.
/// MB are 10^6 bytes of UTF-8 input. Prints each run, the per-round ratio and the ranges. <c>--cli DLL</c> runs another build of
/// <c>tarjuma</c> (old against new, one command after the other).
/// </summary>
internal sealed class SegmentProcessCommand : IBenchmarkCommand
{
    public string Name => "segment-process";

    public string Description =>
        "whole-process `tarjuma segment --lang tg` on ~110 MB vs ICU BreakIterator (PyICU) [--mb N] [--rounds R] [--locale L] [--cli DLL]";

    public async Task<int> RunAsync(string[] args)
    {
        var megabytes = CommandArgs.Int(args, "--mb", 110);
        var rounds = CommandArgs.Int(args, "--rounds", 3);
        var locale = CommandArgs.Text(args, "--locale") ?? "tg";
        var cli = CommandArgs.Text(args, "--cli") ?? WholeProcess.CliDll;
        var data = SegmentationData.Root(args);
        if (!Directory.Exists(data))
        {
            Console.Error.WriteLine($"segment-process needs the development data ({data}; --data DIR or TARJUMA_SHARED_DATA).");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "text.tg.txt");
            var bytes = await SegmentCorpus.WriteAsync(input, data, megabytes * 1_000_000L);
            var output = Path.Combine(folder, "out.txt");
            Console.WriteLine(Invariant($"input: {bytes / 1e6:F1} MB of Tajik text; ICU locale {locale}; ")
                + Invariant($"load average {WholeProcess.LoadAverage()}; tarjuma {cli}"));
            var ours = new List<double>();
            var icu = new List<double>();
            var ratios = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                double tarjuma = 0, baseline = 0;
                foreach (var which in round % 2 == 1 ? new[] { "tarjuma", "icu" } : ["icu", "tarjuma"])
                {
                    var isOurs = string.Equals(which, "tarjuma", StringComparison.Ordinal);
                    var run = isOurs
                        ? await WholeProcess.RunAsync("dotnet", [cli, "segment", "--lang", "tg"], input, output)
                        : await WholeProcess.RunAsync(WholeProcess.Python, [WholeProcess.Script("icu_segment.py"), locale], input, output);
                    var rate = bytes / 1e6 / run.Elapsed.TotalSeconds;
                    var lines = CountLines(output);
                    var name = isOurs ? "tarjuma segment" : "ICU (PyICU)    ";
                    Console.WriteLine(Invariant($"round {round} {name}: {run.Elapsed.TotalSeconds:F2} s = {rate:F1} MB/s, {run.Cpu.TotalSeconds:F2} CPU-s, ")
                        + Invariant($"{lines:N0} segments, peak RSS {run.PeakRssBytes / 1048576.0:F0} MiB"));
                    (tarjuma, baseline) = isOurs ? (rate, baseline) : (tarjuma, rate);
                    File.Delete(output);
                }

                ours.Add(tarjuma);
                icu.Add(baseline);
                ratios.Add(tarjuma / baseline);
                Console.WriteLine(Invariant($"round {round} ratio tarjuma / ICU: {tarjuma / baseline:F2}; load average {WholeProcess.LoadAverage()}"));
            }

            Console.WriteLine(Invariant($"tarjuma segment {WholeProcess.Range(ours, "F1")} MB/s; ICU {WholeProcess.Range(icu, "F1")} MB/s; ") + Invariant(
                $"ratio {WholeProcess.Range(ratios, "F2")} (median {WholeProcess.Median(ratios):F2}) over {rounds} alternating rounds"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long CountLines(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Tajik running text for the whole-process segmentation benchmarks, written to a temporary file (never committed).</summary>
internal static class SegmentCorpus
{
    /// <summary>The development documents repeated until the file has at least <paramref name="minBytes"/> bytes of UTF-8; returns its size.</summary>
    public static async Task<long> WriteAsync(string path, string data, long minBytes)
    {
        var documents = Tarjuma.Evaluation.Segmentation.SegmentationEvaluation.ReadDocuments(Path.Combine(data, "ntrex-dev", "segmentation.tg.jsonl"))
            .Select(d => d.Text + "\n\n").ToList();
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        long bytes = 0;
        while (bytes < minBytes)
        {
            foreach (var document in documents)
            {
                await writer.WriteAsync(document);
                bytes += Encoding.UTF8.GetByteCount(document);
            }
        }

        return bytes;
    }
}
