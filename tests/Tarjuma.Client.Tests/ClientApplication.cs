using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Tarjuma.Client.Tests;

/// <summary>
/// The real server in a test host on its own temporary database; clients are <see cref="TarjumaClient"/>s
/// over the host's handler, optionally wrapped by a test handler (faults, delays, counting); <c>services</c>
/// changes the server (e.g. an interceptor that makes it behave as an older one).
/// </summary>
public sealed class ClientApplication(Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tarjuma-client-tests", Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _owned = [];

    public string DatabasePath => Path.Combine(_directory, "tarjuma.db");

    /// <summary>A client of this server; <paramref name="wrap"/> sits between the client and the server.</summary>
    public TarjumaClient CreateTarjumaClient(TarjumaClientOptions? options = null, string? apiKey = null, DelegatingHandler? wrap = null)
    {
        HttpMessageHandler handler = Server.CreateHandler();
        if (wrap is not null)
        {
            wrap.InnerHandler = handler;
            handler = wrap;
        }

        var http = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        var client = TarjumaClient.Create(http, apiKey, options);
        _owned.Add(client);
        _owned.Add(http);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tarjuma:Database"] = DatabasePath,
        }));
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

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
