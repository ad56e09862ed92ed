using System.Net;
using System.Net.Sockets;

namespace Tarjuma.Cli.Tests;

/// <summary><c>tarjuma serve</c> start-up failures: one line on stderr, exit 1.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliRun.RunAsync(stop.Token, "serve", "--urls", address, "--db", _temp.Database);

        Assert.Equal(TarjumaCli.ExitFailure, result.ExitCode);
        Assert.Equal($"tarjuma: cannot listen on {address}: address already in use\n", result.Error);
        Assert.False(stop.IsCancellationRequested);
    }
}
