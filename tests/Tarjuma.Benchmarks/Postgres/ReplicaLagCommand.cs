using System.Diagnostics;
using System.Globalization;
using Tarjuma.Benchmarks.Postgres;
using Tarjuma.Protos.V1;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>replica-lag [N]</c>: two <c>tarjuma serve --store postgres</c> processes on one schema. A writer adds
/// N units (default 2,000) one by one through replica A, as fast as A acknowledges; for each, a reader polls
/// replica B with exact lookups from the moment A acknowledged until B finds it. Prints the visibility
/// lag's p50/p99, and as a baseline the same lookup's own latency on B (what a poll costs).
/// </summary>
internal sealed class ReplicaLagCommand : IBenchmarkCommand
{
    public string Name => "replica-lag";

    public string Description => "Visibility lag from replica A's acknowledgement to an exact match on replica B (PostgreSQL)";

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        await using var schema = await BenchSchema.CreateAsync();
        if (schema is null)
        {
            return 2;
        }

        var (a, _) = await ServeProcess.StartAsync("--store", "postgres", "--connection", schema.ConnectionString);
        await using var replicaA = a;
        var (b, _) = await ServeProcess.StartAsync("--store", "postgres", "--connection", schema.ConnectionString);
        await using var replicaB = b;
        await a.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });
        await b.ExactTargetAsync("news", "warm-up");

        var lags = new List<double>(count);
        var polls = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var source = string.Create(CultureInfo.InvariantCulture, $"Ҷумлаи санҷишии рақами {i}.");
            await a.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Percentiles.Pair(source, $"Test sentence number {i}.") });
            var acknowledged = Stopwatch.GetTimestamp();
            while (true)
            {
                var poll = Stopwatch.GetTimestamp();
                var found = await b.ExactTargetAsync("news", source) is not null;
                polls.Add(Stopwatch.GetElapsedTime(poll).TotalMilliseconds);
                if (found)
                {
                    break;
                }
            }

            lags.Add(Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds);
        }

        Console.WriteLine("visibility lag (A acknowledged → B finds it): " + Percentiles.Describe(lags));
        Console.WriteLine("baseline, one exact lookup on B:              " + Percentiles.Describe(polls));
        Console.WriteLine("load average " + File.ReadAllText("/proc/loadavg").Split(' ')[0]);
        return 0;
    }
}
