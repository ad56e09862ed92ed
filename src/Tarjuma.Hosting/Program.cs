using Microsoft.AspNetCore.Hosting.Server;
using Tarjuma.Hosting;
using Tarjuma.Server.Infrastructure;

// Tarjuma's gRPC server on the store Tarjuma:Store names (SQLite by default). Configuration (appsettings.json,
// environment TARJUMA__DATABASE, or --Tarjuma:Database=PATH): see TarjumaServerOptions.
var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddTarjumaHost();
}
catch (InvalidListenerException exception)
{
    await Console.Error.WriteLineAsync($"tarjuma: {exception.Message}");
    return 1;
}

var app = builder.Build();
app.MapTarjumaHost();

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
