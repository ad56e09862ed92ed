using Microsoft.AspNetCore.Hosting.Server;
using Tarjuma.Server;
using Tarjuma.Server.Infrastructure;

// Tarjuma's gRPC server on the embedded SQLite store. Configuration (appsettings.json, environment
// TARJUMA__DATABASE, or --Tarjuma:Database=PATH): see TarjumaServer.
var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddTarjumaServer();
}
catch (InvalidListenerException exception)
{
    await Console.Error.WriteLineAsync($"tarjuma: {exception.Message}");
    return 1;
}

var app = builder.Build();
app.MapTarjumaServer();

// A taken port is one line and exit 1, not the host's 25-line stack trace. Kestrel only: a test
// host (WebApplicationFactory) listens on no port. Kestrel's IServer type is internal, hence the name.
var kestrel = app.Services.GetRequiredService<IServer>().GetType().Name.StartsWith("KestrelServer", StringComparison.Ordinal);
if (kestrel && app.Services.GetService<ServerListeners>() is { } listeners)
{
    try
    {
        ListenAddresses.EnsureFree(ListenerPlan.Urls(listeners.All));
    }
    catch (IOException exception)
    {
        await Console.Error.WriteLineAsync($"tarjuma: {exception.Message}");
        return 1;
    }
}

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
