using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Tarjuma.Reliability.Tests;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>tmx-feed [--units 100000] [--memory uniform|realistic] [--rounds 20]</c>: what an OmegaT team project's re-sync
/// costs through the TMX feed (<c>GET /tmx/{memory}.tmx</c>) of the real server process: a <c>304 Not Modified</c>
/// (<c>If-None-Match</c> with the current tag) against the full download of the same memory, alternating, same run.
/// Prints p50 and range of the wall time and of the server's CPU time per request (the process's CPU time read around
/// each request; 10 ms ticks, so the 304's CPU is read around blocks of <c>--block</c> requests), and their ratios.
/// </summary>
internal sealed class TmxFeedCommand : IBenchmarkCommand
{
    public string Name => "tmx-feed";

    public string Description => "TMX feed: a 304 re-sync vs a full download of the memory, real server process; --units --rounds";

    public async Task<int> RunAsync(string[] args)
    {
        var units = CommandArgs.Int(args, "--units", 100_000);
        var rounds = CommandArgs.Int(args, "--rounds", 20);
        var block = CommandArgs.Int(args, "--block", 200);
        var workload = LoadCommand.Workload.Create(CommandArgs.Text(args, "--memory") ?? "uniform", units);
        if (workload is null)
        {
            return 1;
        }

        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-tmx-feed", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(folder, "feed.db"));
            await LoadCommand.FillAsync(server, workload);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var url = new Uri($"http://127.0.0.1:{server.HttpPort}/tmx/{LoadCommand.Memory}.tmx");
            using var process = Process.GetProcessById(server.Id);

            // Warm-up: the first export reads every page of the database once.
            var (etag, bytes) = await FullAsync(http, url);
            var full = new List<double>();
            var fullCpu = new List<double>();
            var notModified = new List<double>();
            var notModifiedCpu = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternating which goes first, so a drift in the machine's load falls on both.
                for (var k = 0; k < 2; k++)
                {
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var stopwatch = Stopwatch.StartNew();
                    if ((round + k) % 2 == 0)
                    {
                        var (again, length) = await FullAsync(http, url);
                        full.Add(stopwatch.Elapsed.TotalMilliseconds);
                        process.Refresh();
                        fullCpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                        if (again != etag || length != bytes)
                        {
                            throw new InvalidOperationException($"the unchanged memory was served with tag {again} ({length} bytes), not {etag} ({bytes}).");
                        }
                    }
                    else
                    {
                        for (var i = 0; i < block; i++)
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Get, url);
                            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
                            using var response = await http.SendAsync(request);
                            if (response.StatusCode != HttpStatusCode.NotModified)
                            {
                                throw new InvalidOperationException(
                                    $"If-None-Match {etag} on the unchanged memory answered {(int)response.StatusCode}, not 304.");
                            }
                        }

                        notModified.Add(stopwatch.Elapsed.TotalMilliseconds / block);
                        process.Refresh();
                        notModifiedCpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds / block);
                    }
                }
            }

            Console.WriteLine(Invariant($"{workload.Name} memory, {units:N0} units, TMX {bytes / 1048576.0:F1} MiB; {rounds} rounds ") +
                Invariant($"(one full download, {block} conditional requests), alternating; load average {LoadAverage()}"));
            Console.WriteLine(Invariant($"full download (200): wall p50 {Median(full):F1} ms ({full.Min():F1}–{full.Max():F1}), ") +
                Invariant($"server CPU p50 {Median(fullCpu):F1} ms ({fullCpu.Min():F1}–{fullCpu.Max():F1})"));
            Console.WriteLine(Invariant($"re-sync (304):       wall p50 {Median(notModified):F3} ms ({notModified.Min():F3}–{notModified.Max():F3}), ") +
                Invariant($"server CPU p50 {Median(notModifiedCpu):F3} ms ({notModifiedCpu.Min():F3}–{notModifiedCpu.Max():F3})"));
            Console.WriteLine(Invariant($"ratio full / 304: wall {Median(full) / Median(notModified):F0}x, ") +
                Invariant($"server CPU {Median(fullCpu) / Math.Max(Median(notModifiedCpu), 0.001):F0}x"));
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open: the temporary folder is cleaned later.
            }
        }
    }

    private static async Task<(string ETag, long Bytes)> FullAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return (response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("no ETag on the feed."), total);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[(sorted.Length - 1) / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
