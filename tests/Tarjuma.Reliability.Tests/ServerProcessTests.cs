using System.Net;
using System.Net.Sockets;

namespace Tarjuma.Reliability.Tests;

/// <summary>The harness itself: a server that cannot start says why, instead of only its exit code.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_server_whose_port_is_taken_fails_with_its_own_words()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        // A port given by the caller is not replaced by another: the failure is reported with the server's output.
        var error = await Assert.ThrowsAsync<ServerExitedException>(() => ServerProcess.StartAsync(_temp.Database, port: port));

        Assert.Contains("address already in use", error.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }
}
