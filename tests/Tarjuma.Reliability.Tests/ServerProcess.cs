using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Tarjuma.Protos.V1;

namespace Tarjuma.Reliability.Tests;

/// <summary>
/// The real server: <c>dotnet tarjuma.dll serve --db PATH --urls http://127.0.0.1:PORT</c> as a child
/// process, so it can be killed with SIGKILL or stopped with SIGTERM like in production.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>A cold start JITs the whole server; generous for a loaded 2-core CI machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Output lines kept to explain an early exit.</summary>
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private ServerProcess(Process process, int port, int httpPort)
    {
        HttpPort = httpPort;
        _process = process;
        Port = port;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
    }

    public int Port { get; }

    /// <summary>The plain-HTTP listener's port (REST, CAT-tool protocols): HTTP/1.1.</summary>
    public int HttpPort { get; }

    public GrpcChannel Channel { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The CLI's build output, recorded at build time by the project file, unless <see cref="CliDllOverride"/> is set.</summary>
    public static string CliDll => CliDllOverride ??
        typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => string.Equals(a.Key, "TarjumaCliDll", StringComparison.Ordinal)).Value!;

    /// <summary>Another build's tarjuma.dll (benchmarks' <c>--cli</c>: an old build beside the new one, alternating in one window).</summary>
    public static string? CliDllOverride { get; set; }

    /// <summary>
    /// Starts the server on a free loopback port (or <paramref name="port"/>) and waits until it answers;
    /// <paramref name="cliDll"/> runs another build of <c>tarjuma</c> (benchmarks compare old and new builds).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string database, IReadOnlyDictionary<string, string>? environment = null, int? port = null,
        string? cliDll = null)
    {
        // A free port is found by binding port 0 and letting it go, so another process (test projects run in parallel) may take it
        // before the server binds it: then the server exits at once, and another pair of ports is tried.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(database, environment, port, cliDll);
            }
            catch (ServerExitedException exited) when (port is null && attempt < 3 && exited.Output.Contains("address already in use",
                StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<ServerProcess> StartOnceAsync(string database, IReadOnlyDictionary<string, string>? environment, int? port,
        string? cliDll)
    {
        port ??= FreePort();
        var httpPort = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cliDll ?? CliDll, "serve", "--db", database, "--urls", $"http://127.0.0.1:{port}", "--http-urls",
            $"http://127.0.0.1:{httpPort}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, port.Value, httpPort);

        // Drain the pipes so a chatty server never blocks on a full pipe; the last lines say why a server that exits early did.
        process.OutputDataReceived += (_, line) => server.Remember(line.Data);
        process.ErrorDataReceived += (_, line) => server.Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host's graceful shutdown.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        return WaitAsync();

        async Task<bool> WaitAsync()
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cancel.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        var client = new MemoryService.MemoryServiceClient(Channel);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                // The exit is seen before the output's last lines are: wait for the pipes to close.
                await _process.WaitForExitAsync();
                string output;
                lock (_lastLines)
                {
                    output = string.Join('\n', _lastLines);
                }

                throw new ServerExitedException(_process.ExitCode, output);
            }

            try
            {
                await client.ListMemoriesAsync(new ListMemoriesRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                return;
            }
            catch (RpcException) when (stopwatch.Elapsed < StartTimeout)
            {
                await Task.Delay(50);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The server process ended before it answered; <see cref="Output"/> holds its last lines of output.</summary>
internal sealed class ServerExitedException(int exitCode, string output)
    : InvalidOperationException($"the server exited with code {exitCode} before it was ready; its last output:\n{output}")
{
    public string Output { get; } = output;
}
