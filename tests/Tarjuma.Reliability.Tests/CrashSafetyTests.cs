using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Tarjuma.Protos.V1;
using Xunit.Abstractions;

namespace Tarjuma.Reliability.Tests;

/// <summary>
/// Kills the real server with SIGKILL at random moments while a TMX import and several unit writers
/// run, restarts it, and checks the database: SQLite's integrity check passes, every acknowledged
/// write is there, and each import is either wholly applied or not at all. CI runs 20 kills with
/// small imports; <c>TARJUMA_CRASH_RUNS=200</c> (and <c>TARJUMA_CRASH_SEED</c>) run longer.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const string AckedMemory = "acked";
    private const int DefaultRuns = 20;
    private const int DefaultSeed = 20261128;
    private const int Writers = 3;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Killed_server_loses_no_acknowledged_write_and_never_half_applies_an_import()
    {
        var runs = EnvironmentInt("TARJUMA_CRASH_RUNS", DefaultRuns);
        var seed = EnvironmentInt("TARJUMA_CRASH_SEED", DefaultSeed);
        var random = new Random(seed);
        var acknowledged = new Dictionary<long, string>();
        var imports = new List<ImportAttempt>();
        var killedDuringImport = 0;

        for (var run = 0; run <= runs; run++)
        {
            await using var server = await ServerProcess.StartAsync(_temp.Database);
            await CheckAsync(server, acknowledged, imports, run);
            if (run == runs)
            {
                break;
            }

            if (run == 0)
            {
                await new MemoryService.MemoryServiceClient(server.Channel).CreateMemoryAsync(new CreateMemoryRequest
                {
                    Name = AckedMemory,
                    SourceLanguage = "tg",
                    TargetLanguage = "en"
                });
            }

            // Each run imports into its own memory, created (and acknowledged) first: after the
            // crash its unit count is 0 or the file's, never in between.
            var attempt = new ImportAttempt($"import-{run}", random.Next(200, 3_000));
            await new MemoryService.MemoryServiceClient(server.Channel).CreateMemoryAsync(new CreateMemoryRequest
            {
                Name = attempt.Memory,
                SourceLanguage = "tg",
                TargetLanguage = "en"
            });
            imports.Add(attempt);

            using var stop = new CancellationTokenSource();
            var import = ImportAsync(server, attempt);
            var writers = Enumerable.Range(0, Writers).Select(w => WriteAsync(server, run, w, acknowledged, stop.Token)).ToArray();
            await Task.Delay(random.Next(20, 800));
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await import;
            killedDuringImport += attempt.Acknowledged ? 0 : 1;
        }

        output.WriteLine($"{runs} kills (seed {seed}), {killedDuringImport} during an import, {acknowledged.Count} acknowledged unit writes checked.");
        Assert.True(acknowledged.Count > 0, "no write was acknowledged: the harness tested nothing");
    }

    private async Task CheckAsync(ServerProcess server, Dictionary<long, string> acknowledged, List<ImportAttempt> imports, int run)
    {
        Assert.Equal("ok", IntegrityCheck(_temp.Database));
        var memories = new MemoryService.MemoryServiceClient(server.Channel);
        foreach (var attempt in imports)
        {
            var count = (await memories.GetMemoryAsync(new GetMemoryRequest { Name = attempt.Memory })).UnitCount;
            if (attempt.Acknowledged)
            {
                Assert.Equal(attempt.Units, count);
            }
            else
            {
                Assert.True(count == 0 || count == attempt.Units, $"run {run}: import into {attempt.Memory} half-applied: {count} of {attempt.Units} units.");
            }
        }

        if (acknowledged.Count == 0)
        {
            return;
        }

        var stored = new Dictionary<long, string>();
        var units = new UnitService.UnitServiceClient(server.Channel);
        var token = string.Empty;
        do
        {
            var page = await units.ListUnitsAsync(new ListUnitsRequest { Memory = AckedMemory, PageSize = 1_000, PageToken = token });
            foreach (var unit in page.Units)
            {
                stored[unit.Id] = unit.Source.Text;
            }

            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));

        foreach (var (id, text) in acknowledged)
        {
            Assert.True(stored.TryGetValue(id, out var found), $"run {run}: acknowledged unit {id} ('{text}') is lost.");
            Assert.Equal(text, found);
        }
    }

    private static async Task ImportAsync(ServerProcess server, ImportAttempt attempt)
    {
        var bytes = GeneratedTmx.Build(attempt.Memory, attempt.Units);
        try
        {
            using var call = new TmxService.TmxServiceClient(server.Channel).ImportTmx();
            await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = attempt.Memory });
            const int Chunk = 32 * 1024;
            for (var offset = 0; offset < bytes.Length; offset += Chunk)
            {
                await call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(bytes, offset, Math.Min(Chunk, bytes.Length - offset)) });
            }

            await call.RequestStream.CompleteAsync();
            var response = await call;
            Assert.Equal(attempt.Units, response.Added);
            attempt.Acknowledged = true;
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled
            or StatusCode.Unknown)
        {
            // The server died mid-call: the import is unacknowledged.
        }
        catch (InvalidOperationException)
        {
            // Writing to a request stream whose call already failed.
        }
    }

    private static async Task WriteAsync(ServerProcess server, int run, int writer, Dictionary<long, string> acknowledged, CancellationToken stop)
    {
        var client = new UnitService.UnitServiceClient(server.Channel);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var (tajik, english) = GeneratedTmx.Sentence(string.Create(CultureInfo.InvariantCulture, $"w{run}-{writer}"), i);
            try
            {
                var response = await client.AddUnitAsync(new AddUnitRequest
                {
                    Memory = AckedMemory,
                    Unit = new TranslationUnit { Source = new Segment { Text = tajik }, Target = new Segment { Text = english } },
                }, cancellationToken: CancellationToken.None);
                lock (acknowledged)
                {
                    acknowledged.Add(response.Id, tajik);
                }
            }
            catch (RpcException)
            {
                // Killed mid-call: not acknowledged, so it may or may not be stored.
                return;
            }
        }
    }

    private static string IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private sealed class ImportAttempt(string memory, int units)
    {
        public string Memory { get; } = memory;

        public int Units { get; } = units;

        public bool Acknowledged { get; set; }
    }
}
