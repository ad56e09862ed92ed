using Microsoft.Extensions.Options;
using Tarjuma.Alignment;
using Tarjuma.Server;
using Tarjuma.WebConsole;

namespace Tarjuma.Hosting;

/// <summary>
/// The composition root of the server: the one place that names concrete parts. What <c>Program.cs</c> and
/// <c>tarjuma serve</c> both run; the services themselves (Tarjuma.Server) see only the engine's ports.
/// </summary>
public static class TarjumaHost
{
    /// <summary>The server's services over the store <c>Tarjuma:Store</c> picks and the trained aligner, and the web console.</summary>
    /// <exception cref="Server.Infrastructure.InvalidListenerException">An address cannot be listened on.</exception>
    public static WebApplicationBuilder AddTarjumaHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTarjumaServer(new ServerParts
        {
            OpenStore = services => StoreSelection.Open(Options(services)),
            IndexSnapshotDirectory = services => StoreSelection.SnapshotDirectory(Options(services)),
            Aligner = services => new DocumentAligner(services.GetRequiredService<TimeProvider>()),
        });
        builder.AddTarjumaConsole<ConsoleGrpcAddress>();
        return builder;
    }

    /// <summary>Maps the services, then the console's pages at <c>/</c>.</summary>
    public static WebApplication MapTarjumaHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapTarjumaServer();
        app.MapTarjumaConsole();
        return app;
    }

    private static TarjumaServerOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<TarjumaServerOptions>>().Value;
}
