using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Tarjuma.Server.Infrastructure;

/// <summary>One address the server listens on, and the HTTP versions it speaks there.</summary>
/// <param name="Url">The address as Kestrel takes it (<c>http://127.0.0.1:5152</c>, <c>https://*:443</c>).</param>
/// <param name="Protocols">HTTP versions on this address.</param>
/// <param name="ForHttpClients">True for the plain-HTTP listener (REST, CAT-tool protocols, console).</param>
public sealed record Listener(string Url, HttpProtocols Protocols, bool ForHttpClients);

/// <summary>The addresses the server was configured to listen on (absent when the host chose them itself).</summary>
public sealed record ServerListeners(IReadOnlyList<Listener> All);

/// <summary>An address given to <c>--urls</c> or <c>--http-urls</c> that the server cannot listen on.</summary>
public sealed class InvalidListenerException(string message) : Exception(message);

/// <summary>
/// Where the server listens. gRPC without TLS needs HTTP/2 alone on its port (there is no ALPN to
/// tell the versions apart), while REST, the CAT-tool protocols and browsers speak HTTP/1.1; so
/// plain-HTTP clients get a second listener, by default on each gRPC address's port + 1. With TLS,
/// ALPN picks the version, so a https:// gRPC address serves both. Endpoints are told apart by port.
/// </summary>
public static partial class ListenerPlan
{
    /// <summary>The value of <c>--http-urls</c> / <c>Tarjuma:HttpUrls</c> that turns the HTTP listener off.</summary>
    public const string None = "none";

    /// <summary>
    /// The listeners for gRPC addresses <paramref name="grpcUrls"/> and HTTP addresses
    /// <paramref name="httpUrls"/> (both <c>;</c>-separated; null or empty HTTP addresses: each gRPC
    /// port + 1, port 0 staying 0; <see cref="None"/>: none).
    /// </summary>
    /// <exception cref="InvalidListenerException">An address is not an http:// or https:// URL, or port + 1 is out of range.</exception>
    public static IReadOnlyList<Listener> Resolve(string grpcUrls, string? httpUrls)
    {
        ArgumentNullException.ThrowIfNull(grpcUrls);
        var grpc = Split(grpcUrls).Select(Parse).ToList();
        if (grpc.Count == 0)
        {
            throw new InvalidListenerException("no gRPC address to listen on (--urls).");
        }

        var listeners = grpc.Select(address => new Listener(address.Url, address.Secure ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2, false)).ToList();
        IEnumerable<Address> http;
        if (string.Equals(httpUrls?.Trim(), None, StringComparison.OrdinalIgnoreCase))
        {
            http = [];
        }
        else if (string.IsNullOrWhiteSpace(httpUrls))
        {
            http = grpc.Select(NextPort).OfType<Address>();
        }
        else
        {
            http = Split(httpUrls).Select(Parse);
        }

        listeners.AddRange(http.Select(address => new Listener(address.Url, address.Secure ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1, true)));
        // Endpoints get their HTTP versions by port (ProtocolsFor), so a port serves one role; a port the
        // system picks (0) cannot be told apart, so at most one address may use it.
        var shared = listeners.GroupBy(listener => Port(listener.Url)).FirstOrDefault(group => group.Count() > 1 && group.Select(l =>
            l.ForHttpClients).Distinct().Count() > 1);
        if (shared is not null || listeners.Count(listener => Port(listener.Url) == 0) > 1)
        {
            throw new InvalidListenerException(
                $"gRPC (--urls) and plain HTTP (--http-urls) need different ports, and port 0 may be used once: {Urls(listeners)}.");
        }

        return listeners;
    }

    /// <summary>All addresses of <paramref name="listeners"/>, <c>;</c>-separated as <c>--urls</c> takes them.</summary>
    public static string Urls(IEnumerable<Listener> listeners) => string.Join(';', listeners.Select(listener => listener.Url));

    /// <summary>
    /// The HTTP versions for an endpoint on <paramref name="port"/>, or null when the plan has no
    /// address on that port (an endpoint a host configured in code keeps its own).
    /// </summary>
    public static HttpProtocols? ProtocolsFor(IReadOnlyList<Listener> listeners, int port)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        return listeners.FirstOrDefault(listener => Port(listener.Url) == port)?.Protocols;
    }

    private static int Port(string url)
    {
        var address = Parse(url);
        return address.Port ?? (address.Secure ? 443 : 80);
    }

    private static string[] Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Address Parse(string url)
    {
        var match = UrlPattern().Match(url);
        if (!match.Success)
        {
            throw new InvalidListenerException($"'{url}' is not an address to listen on: expected http://HOST:PORT or https://HOST:PORT.");
        }

        var secure = match.Groups["scheme"].Value.Equals("https", StringComparison.OrdinalIgnoreCase);
        int? port = match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) : null;
        if (port > 65535)
        {
            throw new InvalidListenerException($"'{url}': port {port} is out of range (0-65535).");
        }

        return new Address(url, match.Groups["scheme"].Value, match.Groups["host"].Value, port, match.Groups["rest"].Value, secure);
    }

    private static Address? NextPort(Address grpc)
    {
        var port = grpc.Port ?? (grpc.Secure ? 443 : 80);
        if (port == 0)
        {
            // A port the system picks has no "+ 1"; such a server gets an HTTP listener only when asked.
            return null;
        }

        if (port == 65535)
        {
            throw new InvalidListenerException($"'{grpc.Url}' has no port + 1 for the HTTP listener: give --http-urls.");
        }

        return grpc with { Port = port + 1, Url = $"{grpc.Scheme}://{grpc.Host}:{port + 1}{grpc.Rest}" };
    }

    private sealed record Address(string Url, string Scheme, string Host, int? Port, string Rest, bool Secure);

    // Kestrel's forms: a name, an IPv4 or [IPv6] address, or the wildcards * and +.
    [GeneratedRegex(
        @"^(?<scheme>https?)://(?<host>\[[^\]]+\]|[^:/\[\]]+)(?::(?<port>\d{1,5}))?(?<rest>/.*)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
