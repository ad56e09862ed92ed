using System.CommandLine;
using Tarjuma.Cli.Files;
using Tarjuma.Cli.Migration;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Files;
using Tarjuma.Core.Model;
using Tarjuma.Hosting;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Security;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// <c>tarjuma serve [--db PATH | --store postgres --connection CS] [--urls URL] [--http-urls URL|none] [--cert PFX [--cert-password PW]]
/// [--insecure-allow-anonymous]</c>:
/// runs the gRPC server in this process.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Loopback by default: serving beyond this machine is a deliberate choice.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5151";

    public static Command Build(CliConsole console)
    {
        var database = new Option<string?>("--db") { Description = "SQLite database file (default: data/tarjuma.db)." };
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on (';'-separated); https:// needs --cert.",
            DefaultValueFactory = _ => DefaultUrls
        };
        var httpUrls = new Option<string?>("--http-urls")
        {
            Description = "Plain-HTTP addresses (REST, CAT-tool protocols, console; ';'-separated). Default: each --urls port + 1; 'none': off.",
        };
        var certificate = new Option<string?>("--cert")
        {
            Description =
            "TLS certificate (PKCS#12 .pfx, or PEM .crt with its .key next to it) for https:// addresses."
        };
        var certificatePassword = new Option<string?>("--cert-password")
        {
            Description =
            "Password of the --cert file (or set Kestrel__Certificates__Default__Password)."
        };
        var insecure = new Option<bool>("--insecure-allow-anonymous")
        {
            Description = "Serve a non-loopback address without API keys (trusted networks only; logged). Ignored once keys exist.",
        };
        var store = new Option<string>("--store")
        {
            Description = "sqlite (the --db file, default) or postgres (--connection): replicas on one PostgreSQL share everything.",
            DefaultValueFactory = _ => "sqlite",
        };
        store.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string?>("--connection")
        {
            Description =
            "PostgreSQL connection string with --store postgres (Host=...;Database=...;Username=...)."
        };
        var command = new Command("serve", "Run the Tarjuma gRPC server on the embedded SQLite store or a shared PostgreSQL.")
        {
            database, urls, httpUrls, certificate, certificatePassword, insecure, store, connection,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var grpcAddresses = parse.GetValue(urls)!;
            IReadOnlyList<Listener> listeners;
            try
            {
                listeners = ListenerPlan.Resolve(grpcAddresses, parse.GetValue(httpUrls));
            }
            catch (InvalidListenerException exception)
            {
                await console.Error.WriteLineAsync($"tarjuma: {exception.Message}");
                return CliRunner.ExitFailure;
            }

            var addresses = ListenerPlan.Urls(listeners);
            var allowAnonymous = parse.GetValue(insecure);
            var postgres = parse.GetValue(store) == "postgres";
            var connectionString = parse.GetValue(connection);
            if (postgres != !string.IsNullOrWhiteSpace(connectionString))
            {
                throw TarjumaException.InvalidArgument("--connection", postgres ? "--store postgres needs --connection \"Host=...;Database=...\"."
                    : "--connection goes with --store postgres.");
            }

            var databasePath = postgres ? null : DatabaseFile.Resolve(parse.GetValue(database), DatabaseUse.MayCreate);
            var storeAddress = postgres ? "postgres:" + connectionString : "sqlite:" + databasePath;
            if (!allowAnonymous && await NeedsKeysAsync(storeAddress, addresses, cancellationToken))
            {
                await console.Error.WriteLineAsync(
                    $"tarjuma: refusing to serve {addresses} without API keys. Create one with 'tarjuma keys create --admin --name NAME', " +
                    "listen on 127.0.0.1 only, or (trusted networks only) add --insecure-allow-anonymous.");
                return CliRunner.ExitFailure;
            }

            // A taken port is one line ("cannot listen on URL: address already in use"), exit 1.
            ListenAddresses.EnsureFree(addresses);
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            var settings = new Dictionary<string, string?>
            {
                ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
                ["Tarjuma:Database"] = databasePath,
                ["Tarjuma:HttpUrls"] = parse.GetValue(httpUrls),
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Tarjuma:Security:AllowAnonymous"] = allowAnonymous ? "true" : null,
            };
            if (postgres)
            {
                // Only when asked: otherwise Tarjuma:Store from appsettings or TARJUMA__STORE stays in force.
                settings["Tarjuma:Store"] = "postgres";
                settings["Tarjuma:Connection"] = connectionString;
            }

            if (parse.GetValue(certificate) is { } certificatePath)
            {
                // Kestrel's default certificate: used by every https:// address without its own.
                settings["Kestrel:Certificates:Default:Path"] = Path.GetFullPath(certificatePath);
                settings["Kestrel:Certificates:Default:Password"] = parse.GetValue(certificatePassword);
            }

            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls(grpcAddresses);
            builder.AddTarjumaHost();
            await using var app = builder.Build();
            app.MapTarjumaHost();
            await app.RunAsync(cancellationToken);
            // The server's own start-up check stops it (exit code 1) when it finds itself exposed without keys.
            return Environment.ExitCode == 0 ? 0 : CliRunner.ExitFailure;
        });
        return command;
    }

    /// <summary>True when the addresses reach beyond this machine and the database has no keys.</summary>
    private static async Task<bool> NeedsKeysAsync(string storeAddress, string addresses, CancellationToken cancellationToken)
    {
        var list = addresses.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.All(Exposure.IsLoopback))
        {
            return false;
        }

        using var store = StoreAddress.Open(storeAddress, "--store");
        return !await store.Keys.AnyKeysAsync(cancellationToken);
    }
}
