using System.CommandLine;
using Tarjuma.Server;

namespace Tarjuma.Cli.Commands;

/// <summary><c>tarjuma serve [--db PATH] [--urls URL]</c>: runs the gRPC server in this process.</summary>
internal static class ServeCommand
{
    /// <summary>Loopback by default: serving beyond this machine is a deliberate choice.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5151";

    public static Command Build()
    {
        var database = new Option<string?>("--db") { Description = "SQLite database file (default: data/tarjuma.db)." };
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on.", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Run the Tarjuma gRPC server on the embedded SQLite store.") { database, urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
                ["Tarjuma:Database"] = parse.GetValue(database),
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            });
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            builder.AddTarjumaServer();
            await using var app = builder.Build();
            app.MapTarjumaServer();
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
