using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tarjuma.WebConsole.Components;
using Tarjuma.WebConsole.Session;

namespace Tarjuma.WebConsole;

/// <summary>Settings of the web console, section <c>Tarjuma:Console</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Tarjuma:Console";

    /// <summary>
    /// The gRPC address the console calls (its own server). Default: found from the server's listeners
    /// (<see cref="IConsoleGrpcAddress"/>); set it when gRPC runs on TLS with a certificate for a host name.
    /// </summary>
    public string? GrpcAddress { get; set; }
}

/// <summary>Where the console finds the server's own gRPC API; the host knows its listeners, the console does not.</summary>
public interface IConsoleGrpcAddress
{
    /// <summary>An http(s) URL of the gRPC listener, reachable from the server itself (loopback).</summary>
    /// <exception cref="InvalidOperationException">The server does not listen for gRPC on an address it can name.</exception>
    Uri Resolve();
}

/// <summary>Registers and maps the console: the server's two lines.</summary>
public static class ConsoleHosting
{
    /// <summary>The console's stylesheet, served from an embedded resource (no static-asset manifest to ship).</summary>
    public const string StylesheetPath = "/console-assets/console.css";

    /// <summary>
    /// Policy for every console page: scripts, styles, images and connections (SignalR) from this
    /// server only; inline styles are allowed for Blazor's own reconnect dialog, never scripts.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the Blazor server-side components, the per-circuit session and the download tickets.</summary>
    public static WebApplicationBuilder AddTarjumaConsole<TAddress>(this WebApplicationBuilder builder)
        where TAddress : class, IConsoleGrpcAddress
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ConsoleOptions>().Bind(builder.Configuration.GetSection(ConsoleOptions.Section));
        builder.Services.AddSingleton<IConsoleGrpcAddress, TAddress>();
        // Blazor's script is a static web asset: published output has it in wwwroot, while the build output
        // (tests, `dotnet run`) finds it through the runtime manifest, which the host reads only in
        // Development unless asked; without a manifest (published) this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddSingleton<DownloadTickets>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ConsoleSession>();
        return builder;
    }

    /// <summary>Maps the pages at <c>/</c>, the stylesheet, downloads and the security headers.</summary>
    public static WebApplication MapTarjumaConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (!context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) ?? true)
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    return Task.CompletedTask;
                });
            }

            await next(context);
        });
        app.UseAntiforgery();
        // Blazor's script comes from the static-asset manifest; a host built without one (a test host that
        // never serves a browser) still maps the pages rather than failing at start-up.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, app.Environment.ApplicationName + ".staticwebassets.endpoints.json")))
        {
            app.MapStaticAssets();
        }

        app.MapGet(StylesheetPath, () => Results.Text(Stylesheet.Value, "text/css; charset=utf-8"));
        app.MapGet(DownloadTickets.PathPrefix + "{ticket}", (string ticket, DownloadTickets tickets) =>
            tickets.Take(ticket) is { } file
                ? Results.File(file.Content, file.ContentType, file.FileName)
                : Results.NotFound("This download has expired or was already taken: start it again from the console."));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        using var stream = typeof(ConsoleHosting).Assembly.GetManifestResourceStream("Tarjuma.WebConsole.console.css")
            ?? throw new InvalidOperationException("console.css is not embedded in Tarjuma.WebConsole.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
