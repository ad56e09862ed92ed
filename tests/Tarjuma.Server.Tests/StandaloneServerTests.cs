using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tarjuma.Server.Tests;

/// <summary>The server run on its own (<c>dotnet Tarjuma.Hosting.dll</c>, the standalone host), as a real process.</summary>
public sealed class StandaloneServerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tarjuma-standalone-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var server = Path.Combine(AppContext.BaseDirectory, "Tarjuma.Hosting.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { server, "--urls", address, "--Tarjuma:Database=" + Path.Combine(_folder, "t.db") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = _folder,
        };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(stop.Token);
        var output = process.StandardOutput.ReadToEndAsync(stop.Token);
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Equal($"tarjuma: cannot listen on {address}: address already in use\n", await error);
        Assert.DoesNotContain("Exception", await output, StringComparison.Ordinal);
    }
}
