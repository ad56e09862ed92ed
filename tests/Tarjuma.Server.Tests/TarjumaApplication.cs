using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

/// <summary>
/// The real server in a test host, on its own temporary database; each test owns one
/// (TodoApi's TodoApplication pattern). Clients are the generated gRPC clients.
/// </summary>
public sealed class TarjumaApplication : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tarjuma-tests", Guid.NewGuid().ToString("N"));
    private readonly IDictionary<string, string?> _settings;
    private GrpcChannel? _channel;
    private bool _socket;

    public TarjumaApplication()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A server with more configuration (e.g. <c>Tarjuma:Security:*</c>).</summary>
    public TarjumaApplication(IDictionary<string, string?> settings) => _settings = settings;

    /// <summary>
    /// The same server on Kestrel at a loopback port, spoken to over real HTTP/2 sockets. Where the
    /// transport matters (a deadline: the server ends the call with its trailers and then resets the
    /// stream, which the in-memory TestServer reports to the client as the reset alone).
    /// </summary>
    public static TarjumaApplication OnSocket(IDictionary<string, string?> settings)
    {
        var app = new TarjumaApplication(settings);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        app.StartServer();
        app._socket = true;
        return app;
    }

    public string DatabasePath => Path.Combine(_directory, "tarjuma.db");

    public GrpcChannel Channel => _channel ??= _socket
        ? GrpcChannel.ForAddress(ClientOptions.BaseAddress, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 })
        : GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = Server.CreateHandler(),
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });

    public MemoryService.MemoryServiceClient Memories => new(Channel);

    public UnitService.UnitServiceClient Units => new(Channel);

    public TmxService.TmxServiceClient Tmx => new(Channel);

    public LookupService.LookupServiceClient Lookup => new(Channel);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>(_settings)
        {
            ["Tarjuma:Database"] = DatabasePath,
        }));
    }

    protected override void Dispose(bool disposing)
    {
        _channel?.Dispose();
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on some platform: the temp folder is cleaned later.
            }
        }
    }
}
