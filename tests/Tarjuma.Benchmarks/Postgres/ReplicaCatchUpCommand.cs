using System.Diagnostics;
using System.Globalization;
using Tarjuma.Benchmarks.Postgres;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Postgres;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>replica-catchup [N]</c>: N changes (default 100,000: unit adds of 10,000 per call, each one change-log
/// entry) made while (1) a replica's indexes are built and it is not reading, then it syncs: the log replay
/// (in-process, the IndexedMemoryStore a server runs); and (2) a <c>tarjuma serve</c> process started after
/// them: its time to answer calls and to finding the last unit (indexes built from the snapshot).
/// Baseline: the same process started on an empty memory.
/// </summary>
internal sealed class ReplicaCatchUpCommand : IBenchmarkCommand
{
    public string Name => "replica-catchup";

    public string Description => "Catch-up time of a replica after N changes (default 100,000), log replay and fresh start (PostgreSQL)";

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        await using var schema = await BenchSchema.CreateAsync();
        if (schema is null)
        {
            return 2;
        }

        using var writer = PostgresStore.Open(new PostgresStoreOptions { ConnectionString = schema.ConnectionString });
        await writer.Memories.CreateMemoryAsync(new NewMemory("news", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
        var (empty, emptyStart) = await ServeProcess.StartAsync("--store", "postgres", "--connection", schema.ConnectionString);
        await empty.DisposeAsync();

        using var replicaPorts = PostgresStore.Open(new PostgresStoreOptions { ConnectionString = schema.ConnectionString });
        using var replica = new IndexedMemoryStore(replicaPorts.Memories);
        await replica.WarmUpAsync();

        var writing = Stopwatch.StartNew();
        for (var start = 0; start < count; start += 10_000)
        {
            var batch = Enumerable.Range(start, Math.Min(10_000, count - start))
                .Select(i => new TranslationUnit { Source = new SegmentText($"Ҷумлаи рақами {i}."), Target = new SegmentText($"Sentence number {i}.") })
                .ToList();
            await writer.Memories.AddUnitsAsync("news", batch);
        }

        writing.Stop();
        var replay = Stopwatch.StartNew();
        await replica.SyncAsync();
        replay.Stop();
        var info = (await replica.FindMemoryAsync("news"))!;
        var index = await replica.GetIndexAsync(info, MemorySide.Source);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} changes written in {writing.Elapsed.TotalSeconds:F1} s; index holds {index.Count:N0} units after replay"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"log replay (in-process IndexedMemoryStore.SyncAsync): {replay.Elapsed.TotalSeconds:F2} s = {count / replay.Elapsed.TotalSeconds:N0} changes/s"));

        var started = Stopwatch.StartNew();
        var (fresh, untilServing) = await ServeProcess.StartAsync("--store", "postgres", "--connection", schema.ConnectionString);
        await using (fresh)
        {
            var last = string.Create(CultureInfo.InvariantCulture, $"Ҷумлаи рақами {count - 1}.");
            while (await fresh.ExactTargetAsync("news", last) is null)
            {
                await Task.Delay(5);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tarjuma serve started after them: answering in {untilServing.TotalSeconds:F2} s, last unit found at {started.Elapsed.TotalSeconds:F2} s; "
                + $"baseline (empty memory) answering in {emptyStart.TotalSeconds:F2} s"));
        }

        Console.WriteLine("load average " + File.ReadAllText("/proc/loadavg").Split(' ')[0]);
        return 0;
    }
}
