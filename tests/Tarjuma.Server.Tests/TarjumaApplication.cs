using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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

    public TarjumaApplication()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A server with more configuration (e.g. <c>Tarjuma:Security:*</c>).</summary>
    public TarjumaApplication(IDictionary<string, string?> settings) => _settings = settings;

    public string DatabasePath => Path.Combine(_directory, "tarjuma.db");

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
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
