using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Npgsql;
using Tarjuma.Protos.V1;

namespace Tarjuma.Benchmarks.Postgres;

/// <summary>
/// The PostgreSQL the scale-out benchmarks use: <c>TARJUMA_BENCH_POSTGRES</c> (an Npgsql connection
/// string; <c>.ci/postgres start DIR</c> prints one). Each run works in a fresh schema, dropped after.
/// </summary>
internal sealed class BenchSchema : IAsyncDisposable
{
    private readonly string _server;

    private BenchSchema(string server, string name)
    {
        _server = server;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString;
        Name = name;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchSchema?> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("TARJUMA_BENCH_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            await Console.Error.WriteLineAsync("set TARJUMA_BENCH_POSTGRES to an Npgsql connection string (e.g. from .ci/postgres start /tmp/pg)");
            return null;
        }

        var schema = new BenchSchema(server, "bench_" + Guid.NewGuid().ToString("N"));
        await schema.ExecuteAsync($"CREATE SCHEMA {schema.Name};");
        return schema;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {Name} CASCADE;");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A real <c>tarjuma serve</c> process on a free loopback port: what users run.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
    }

    public GrpcChannel Channel { get; }

    public MemoryService.MemoryServiceClient Memories => new(Channel);

    public UnitService.UnitServiceClient Units => new(Channel);

    public LookupService.LookupServiceClient Lookup => new(Channel);

    /// <summary>
    /// Starts <c>tarjuma serve</c> with <paramref name="storeArguments"/> and waits until it answers calls
    /// (a lookup then waits for its memory's index: time to a first answer is measured by the caller).
    /// </summary>
    public static async Task<(ServeProcess Server, TimeSpan UntilServing)> StartAsync(params string[] storeArguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Tarjuma.Reliability.Tests.ServerProcess.CliDll, "serve", "--urls", $"http://127.0.0.1:{port}" }.Concat(storeArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServeProcess(process, port);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"tarjuma serve exited with {process.ExitCode}.");
            }

            try
            {
                await server.Memories.ListMemoriesAsync(new ListMemoriesRequest());
                return (server, stopwatch.Elapsed);
            }
            catch (Grpc.Core.RpcException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }
    }

    public async Task<string?> ExactTargetAsync(string memory, string source)
    {
        var response = await Lookup.LookupAsync(new LookupRequest { Memory = memory, Text = source });
        return response.Matches.FirstOrDefault(m => m.Score == 100)?.Unit.Target.Text;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class Percentiles
{
    public static string Describe(List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double q) => milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(q * milliseconds.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {At(0.50):F2} ms, p99 {At(0.99):F2} ms, max {milliseconds[^1]:F2} ms (n={milliseconds.Count})");
    }

    public static TranslationUnit Pair(string source, string target) =>
        new() { Source = new Segment { Text = source }, Target = new Segment { Text = target } };
}
