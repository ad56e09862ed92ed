using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tarjuma.Server.Infrastructure;
using Tarjuma.WebConsole;

namespace Tarjuma.Hosting;

/// <summary>
/// The web console's way back into this server's gRPC API: the first bound address that is not a
/// plain-HTTP listener, with a wildcard host turned into loopback (the console calls from inside).
/// </summary>
public sealed class ConsoleGrpcAddress(IServer server, IServiceProvider services) : IConsoleGrpcAddress
{
    public Uri Resolve()
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var httpPorts = services.GetService<ServerListeners>()?.All.Where(l => l.ForHttpClients).Select(l => new Uri(Loopback(l.Url)).Port).ToHashSet() ?? [];
        foreach (var address in bound)
        {
            var uri = new Uri(Loopback(address));
            if (!httpPorts.Contains(uri.Port))
            {
                return uri;
            }
        }

        throw new InvalidOperationException(
            "the console finds no gRPC address of this server; set Tarjuma:Console:GrpcAddress (e.g. http://127.0.0.1:5152).");
    }

    /// <summary>Kestrel reports wildcards as http://[::]:PORT, http://0.0.0.0:PORT, * or +; they are reached on loopback.</summary>
    private static string Loopback(string url) => url
        .Replace("://[::]", "://[::1]", StringComparison.Ordinal)
        .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://+", "://127.0.0.1", StringComparison.Ordinal);
}
