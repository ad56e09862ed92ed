using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Tarjuma.Client;

namespace Tarjuma.WebConsole.Tests;

/// <summary>
/// The real server (<c>dotnet tarjuma.dll serve</c>) on two loopback ports, gRPC and plain HTTP, with
/// an administrator key created beforehand by <c>tarjuma keys create</c>, as an operator would.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    /// <summary>A cold start JITs the whole server; generous for a loaded 2-core CI machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly string _folder;

    private ConsoleServer(Process process, string folder, int grpcPort, int httpPort, string adminKey)
    {
        _process = process;
        _folder = folder;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        ConsoleAddress = $"http://127.0.0.1:{httpPort}/";
        AdminKey = adminKey;
        Admin = TarjumaClient.Create(GrpcAddress, adminKey);
    }

    public string GrpcAddress { get; }

    /// <summary>Where a browser opens the console.</summary>
    public string ConsoleAddress { get; }

    public string AdminKey { get; }

    /// <summary>A gRPC client with the administrator key: the tests' own view of the API.</summary>
    public TarjumaClient Admin { get; }

    public static async Task<ConsoleServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("tarjuma-console-").FullName;
        var database = Path.Combine(folder, "tarjuma.db");
        var adminKey = (await RunCliAsync("keys", "create", "--db", database, "--admin", "--name", "console-admin")).Trim();
        var grpcPort = FreePort();
        var httpPort = FreePort();
        var start = Start(CliDll, "serve", "--db", database, "--urls", $"http://127.0.0.1:{grpcPort}", "--http-urls", $"http://127.0.0.1:{httpPort}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ConsoleServer(process, folder, grpcPort, httpPort, adminKey);
        await server.WaitReadyAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned by the system.
        }
    }

    private static string CliDll =>
        typeof(ConsoleServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => string.Equals(a.Key, "TarjumaCliDll", StringComparison.Ordinal)).Value!;

    private static async Task<string> RunCliAsync(params string[] arguments)
    {
        using var process = Process.Start(Start([CliDll, .. arguments])) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tarjuma {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    private static ProcessStartInfo Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_TieredPGO"] = "0";
        return start;
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient();
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                await Admin.ListMemoriesAsync();
                using var page = await http.GetAsync(new Uri(ConsoleAddress));
                if (page.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is Grpc.Core.RpcException or HttpRequestException && stopwatch.Elapsed < StartTimeout)
            {
            }

            if (stopwatch.Elapsed >= StartTimeout)
            {
                throw new TimeoutException($"the console did not answer at {ConsoleAddress} within {StartTimeout}.");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
