using System.Net;
using System.Net.Sockets;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Backends;

namespace Tarjuma.Cli.Tests;

/// <summary><c>tarjuma serve</c>: its listeners, and start-up failures as one line on stderr, exit 1.</summary>
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

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Equal($"tarjuma: cannot listen on {address}: address already in use\n", result.Error);
        Assert.False(stop.IsCancellationRequested);
    }

    [Fact]
    public async Task Http_clients_are_served_on_the_next_port_beside_grpc()
    {
        var port = FreePortPair();
        var grpc = $"http://127.0.0.1:{port}";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serve = CliRun.RunAsync(stop.Token, "serve", "--urls", grpc, "--db", _temp.Database);
        try
        {
            await using var backend = RemoteBackend.Connect(grpc, apiKey: null);
            await EventuallyAsync(() => backend.ListMemoriesAsync(CancellationToken.None));
            using var http = new HttpClient();

            // HTTP/1.1, HttpClient's default, on port + 1.
            var banner = await http.GetAsync(new Uri($"http://127.0.0.1:{port + 1}/"));

            Assert.Equal(HttpStatusCode.OK, banner.StatusCode);
            Assert.Equal(new Version(1, 1), banner.Version);
            // The web console's page (issue #16) took the banner's place at /.
            Assert.Contains("<title>Tarjuma</title>", await banner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.NotNull(banner.Headers.GetValues("Content-Security-Policy").SingleOrDefault());
        }
        finally
        {
            await stop.CancelAsync();
            await serve;
        }
    }

    [Fact]
    public async Task Http_urls_none_serves_grpc_alone()
    {
        var port = FreePortPair();
        var grpc = $"http://127.0.0.1:{port}";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serve = CliRun.RunAsync(stop.Token, "serve", "--urls", grpc, "--http-urls", "none", "--db", _temp.Database);
        try
        {
            await using var backend = RemoteBackend.Connect(grpc, apiKey: null);
            await EventuallyAsync(() => backend.ListMemoriesAsync(CancellationToken.None));
            using var probe = new TcpClient();

            var refused = await Record.ExceptionAsync(() => probe.ConnectAsync(IPAddress.Loopback, port + 1));

            Assert.IsType<SocketException>(refused);
        }
        finally
        {
            await stop.CancelAsync();
            await serve;
        }
    }

    [Fact]
    public async Task A_taken_http_port_is_one_line_naming_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var http = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var grpc = $"http://127.0.0.1:{FreePortPair()}";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliRun.RunAsync(stop.Token, "serve", "--urls", grpc, "--http-urls", http, "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Equal($"tarjuma: cannot listen on {http}: address already in use\n", result.Error);
    }

    [Fact]
    public async Task A_bad_http_address_is_one_line()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliRun.RunAsync(stop.Token, "serve", "--urls", "http://127.0.0.1:5151", "--http-urls", "localhost:8080", "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Equal(
            "tarjuma: 'localhost:8080' is not an address to listen on: expected http://HOST:PORT or https://HOST:PORT.\n",
            result.Error);
    }

    /// <summary>A port that is free, and whose next port is free too (the default HTTP listener's).</summary>
    private static int FreePortPair()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            using var next = new TcpListener(IPAddress.Loopback, port + 1);
            try
            {
                next.Start();
                next.Stop();
                return port;
            }
            catch (SocketException) when (attempt < 50)
            {
            }
        }
    }

    /// <summary>Calls until the server answers (it starts in the background).</summary>
    private static async Task EventuallyAsync(Func<Task> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Grpc.Core.RpcException exception) when (exception.StatusCode == Grpc.Core.StatusCode.Unavailable && attempt < 300)
            {
                await Task.Delay(100);
            }
        }
    }
}
