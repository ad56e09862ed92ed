using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Tarjuma.Protos.V1;
using Tarjuma.Reliability.Tests;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>segment-stream [--mb N] [--rounds R] [--chunk CHARS] [--unbatched] [--with-text] [--cli DLL] [--settle S]</c>:
/// gRPC <c>SegmentStream</c> through the real server
/// process (<c>tarjuma serve</c> on loopback) on about N MB (default 110) of Tajik running text sent in chunks
/// (default 65,536 characters, as a client reading a file would), timed from the first message to the last
/// segment received, after an uncounted warm-up stream of the same text; alternating in the same run with ICU's BreakIterator process on the same text
/// (<c>Scripts/icu_segment.py</c>, locale <c>tg</c>). MB are 10^6 bytes of UTF-8 input. The stream asks for batched replies
/// without text (<c>batch_segments</c> and <c>offsets_only</c>, as <c>TarjumaClient.SegmentDocumentAsync</c> does; the client takes each
/// segment's text from what it sent, as that method does); <c>--with-text</c> measures replies carrying the text, <c>--unbatched</c>
/// a client that asks for neither (one message per segment, as before the fields existed). <c>--cli DLL</c> serves with another build.
/// <c>--settle S</c> leaves the server idle S seconds after the warm-up (default 0: the rounds follow at once).
/// A build without <c>offsets_only</c> ignores it and sends the text: the client then keeps that text.
/// </summary>
internal sealed class SegmentStreamCommand : IBenchmarkCommand
{
    public string Name => "segment-stream";

    public string Description =>
        "gRPC SegmentStream MB/s through the real server vs ICU BreakIterator (PyICU) [--mb N] [--rounds R] [--chunk CHARS] [--unbatched] "
            + "[--with-text] [--cli DLL] [--settle S]";

    public async Task<int> RunAsync(string[] args)
    {
        var megabytes = CommandArgs.Int(args, "--mb", 110);
        var rounds = CommandArgs.Int(args, "--rounds", 3);
        var chunk = CommandArgs.Int(args, "--chunk", 65_536);
        var settle = CommandArgs.Int(args, "--settle", 0);
        var batched = !args.Contains("--unbatched", StringComparer.Ordinal);
        var offsetsOnly = batched && !args.Contains("--with-text", StringComparer.Ordinal);
        var data = SegmentationData.Root(args);
        if (!Directory.Exists(data))
        {
            Console.Error.WriteLine($"segment-stream needs the development data ({data}; --data DIR or TARJUMA_SHARED_DATA).");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "text.tg.txt");
            var bytes = await SegmentCorpus.WriteAsync(input, data, megabytes * 1_000_000L);
            var text = await File.ReadAllTextAsync(input, Encoding.UTF8);
            await using var server = await ServerProcess.StartAsync(Path.Combine(folder, "tarjuma.db"), cliDll: CommandArgs.Text(args, "--cli"));
            var client = new SegmentationService.SegmentationServiceClient(server.Channel);
            Console.WriteLine(Invariant($"input: {bytes / 1e6:F1} MB of Tajik text in chunks of {chunk:N0} characters, ")
                + (offsetsOnly ? "batched replies without text; " : batched ? "batched replies with text; " : "one reply message per segment; ")
                + Invariant($"load average {WholeProcess.LoadAverage()}; server {CommandArgs.Text(args, "--cli") ?? WholeProcess.CliDll}"));

            // A warm-up stream of the whole text, timed and shown but not counted: the figure is the served rate of a running
            // server. After a 20 M-character warm-up the next 110 MB still cost 1.5-2 x the server CPU of the one after; with
            // DOTNET_TieredCompilation=0 they cost the same (issue #12, fifth session): tiered JIT still recompiling hot code.
            using (var warmUpProcess = Process.GetProcessById(server.Id))
            {
                var cpuBefore = warmUpProcess.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await StreamAsync(client, text, chunk, batched, offsetsOnly);
                warmUpProcess.Refresh();
                Console.WriteLine(Invariant($"warm-up (the new server's first stream, not counted): {bytes / 1e6 / clock.Elapsed.TotalSeconds:F1} MB/s, ")
                    + Invariant($"server {(warmUpProcess.TotalProcessorTime - cpuBefore).TotalSeconds:F2} CPU-s"));
            }

            // Tier-1 recompilation of the code the warm-up made hot runs on a background thread: with both cores busy it waits, and
            // the first round right after the warm-up runs part of the time on tier-0 code (issue #12, ninth session: 85 MB/s at
            // once, 117 MB/s after 3 s idle, 119-126 MB/s later). A running server has such pauses between requests.
            if (settle > 0)
            {
                Console.WriteLine(Invariant($"server idle for {settle} s after the warm-up (--settle)"));
                await Task.Delay(TimeSpan.FromSeconds(settle));
            }

            var served = new List<double>();
            var icu = new List<double>();
            var ratios = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                double stream = 0, baseline = 0;
                foreach (var which in round % 2 == 1 ? new[] { "stream", "icu" } : ["icu", "stream"])
                {
                    if (string.Equals(which, "stream", StringComparison.Ordinal))
                    {
                        using var serverProcess = Process.GetProcessById(server.Id);
                        var cpuBefore = serverProcess.TotalProcessorTime;

                        // The client (this process) shares the machine's cores with the server: its CPU bounds the rate too.
                        using var clientProcess = Process.GetCurrentProcess();
                        var clientBefore = clientProcess.TotalProcessorTime;
                        var clock = Stopwatch.StartNew();
                        var segments = await StreamAsync(client, text, chunk, batched, offsetsOnly);
                        stream = bytes / 1e6 / clock.Elapsed.TotalSeconds;
                        var seconds = clock.Elapsed.TotalSeconds;
                        serverProcess.Refresh();
                        var serverCpu = (serverProcess.TotalProcessorTime - cpuBefore).TotalSeconds;
                        clientProcess.Refresh();
                        var clientCpu = (clientProcess.TotalProcessorTime - clientBefore).TotalSeconds;
                        Console.WriteLine(Invariant($"round {round} SegmentStream: {seconds:F2} s = {stream:F1} MB/s, {segments.Segments:N0} segments ")
                            + Invariant($"({segments.Characters:N0} characters), ")
                            + Invariant($"server {serverCpu:F2} CPU-s, client {clientCpu:F2} CPU-s"));
                    }
                    else
                    {
                        var run = await WholeProcess.RunAsync(WholeProcess.Python, [WholeProcess.Script("icu_segment.py"), "tg"], input);
                        baseline = bytes / 1e6 / run.Elapsed.TotalSeconds;
                        var seconds = run.Elapsed.TotalSeconds;
                        Console.WriteLine(Invariant($"round {round} ICU (PyICU):   {seconds:F2} s = {baseline:F1} MB/s, {run.Cpu.TotalSeconds:F2} CPU-s"));
                    }
                }

                served.Add(stream);
                icu.Add(baseline);
                ratios.Add(stream / baseline);
                Console.WriteLine(Invariant($"round {round} ratio SegmentStream / ICU: {stream / baseline:F2}; load average {WholeProcess.LoadAverage()}"));
            }

            Console.WriteLine(Invariant($"SegmentStream {WholeProcess.Range(served, "F1")} MB/s; ICU {WholeProcess.Range(icu, "F1")} MB/s; ") + Invariant(
                $"ratio {WholeProcess.Range(ratios, "F2")} (median {WholeProcess.Median(ratios):F2}) over {rounds} alternating rounds"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Sends the text in chunks while reading the segments back; returns how many came and their characters. Segments
    /// without text get it from the text sent, a string each, as <c>TarjumaClient.SegmentDocumentAsync</c> gives them.
    /// </summary>
    private static async Task<(long Segments, long Characters)> StreamAsync(SegmentationService.SegmentationServiceClient client, string text,
        int chunk, bool batched, bool offsetsOnly)
    {
        using var call = client.SegmentStream();
        var reading = Task.Run(async () =>
        {
            long count = 0, characters = 0;
            await foreach (var message in call.ResponseStream.ReadAllAsync())
            {
                count += 1 + message.Following.Count;
                characters += TextOf(message).Length;
                foreach (var segment in message.Following)
                {
                    characters += TextOf(segment).Length;
                }
            }

            return (count, characters);
        });
        for (var start = 0; start < text.Length; start += chunk)
        {
            var request = new SegmentRequest { Text = text.Substring(start, Math.Min(chunk, text.Length - start)) };
            if (start == 0)
            {
                request.Language = "tg";
                request.BatchSegments = batched;
                request.OffsetsOnly = offsetsOnly;
            }

            await call.RequestStream.WriteAsync(request);
        }

        await call.RequestStream.CompleteAsync();
        return await reading;

        string TextOf(TextSegment segment) => segment.Text.Length == segment.Length ? segment.Text : text.Substring(segment.Start, segment.Length);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
