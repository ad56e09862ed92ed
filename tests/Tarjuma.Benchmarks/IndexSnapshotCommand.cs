using System.Diagnostics;
using System.Globalization;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>index-snapshot --db PATH [--memory bench]</c>: in-process, the parts of a restart. Reads the source-side
/// index snapshot the server wrote beside PATH (<c>PATH.indexes</c>), then builds the same index from the
/// store as a start without a snapshot does, in the same run, alternating twice; prints wall and CPU time
/// of each, the snapshot file read alone (the I/O floor) and the managed heap each index holds.
/// </summary>
internal sealed class IndexSnapshotCommand : IBenchmarkCommand
{
    public string Name => "index-snapshot";

    public string Description => "in-process: read an index snapshot vs build the index from the store (restart parts), heap per index";

    public async Task<int> RunAsync(string[] args)
    {
        var database = CommandArgs.Text(args, "--db");
        var name = CommandArgs.Text(args, "--memory") ?? "bench";
        var folder = database + ".indexes";
        if (database is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine("--db PATH of a database whose server wrote snapshots (PATH.indexes) is required; run lookup-served --db PATH first.");
            return 2;
        }

        using var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = database });
        var memory = await store.FindMemoryAsync(name) ?? throw new InvalidOperationException($"no memory '{name}' in {database}.");
        var snapshot = Directory.GetFiles(folder, "*.source.tjix")
            .Select(path => (Path: path, Info: MemoryIndex.ReadSnapshot(path).Info))
            .Single(s => string.Equals(s.Info.Memory, name, StringComparison.Ordinal)).Path;
        Console.WriteLine(Invariant(
            $"in-process; snapshot {new FileInfo(snapshot).Length / 1048576.0:F0} MiB; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        for (var round = 1; round <= 2; round++)
        {
            var (bytesWall, bytesCpu, _) = await MeasureAsync(() => Task.FromResult<object>(File.ReadAllBytes(snapshot)));
            var (readWall, readCpu, readHeap) = await MeasureAsync(() => Task.FromResult<object>(MemoryIndex.ReadSnapshot(snapshot).Index));
            var (buildWall, buildCpu, buildHeap) = await MeasureAsync(async () =>
                await MemoryIndex.BuildAsync(store.StreamUnitsAsync(name), memory.SourceLanguage, memory.TargetLanguage, MemorySide.Source));
            Console.WriteLine(Invariant(
                $"round {round}: file bytes alone {bytesWall:F1} s ({bytesCpu:F1} CPU-s); snapshot read {readWall:F1} s ({readCpu:F1} CPU-s)"));
            Console.WriteLine(Invariant($"  heap {readHeap:F0} MiB; build from the store {buildWall:F1} s ({buildCpu:F1} CPU-s), heap {buildHeap:F0} MiB; ") +
                Invariant($"build/read {buildWall / readWall:F1} x"));
        }

        return 0;
    }

    /// <summary>Wall and CPU seconds of <paramref name="work"/>, and the managed heap (MiB) its result holds.</summary>
    private static async Task<(double Wall, double Cpu, double HeapMiB)> MeasureAsync(Func<Task<object>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await work();
        var wall = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var heap = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1048576.0;
        GC.KeepAlive(result);
        return (wall, cpuSeconds, heap);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
