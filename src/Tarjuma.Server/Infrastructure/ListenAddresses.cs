using System.Net;
using System.Net.Sockets;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Checks that the addresses to serve are free before the host starts: when Kestrel finds a port
/// taken, the host logs "Hosting failed to start" with a 25-line stack trace before the caller
/// can say what happened in one line.
/// </summary>
public static class ListenAddresses
{
    /// <summary>
    /// Throws <see cref="IOException"/> "cannot listen on URL: address already in use" for the first
    /// address (<c>;</c>-separated URLs, as <c>--urls</c> takes them) whose port is in use. Other
    /// problems (a bad URL, an address not on this machine) are left to Kestrel to report.
    /// </summary>
    public static void EnsureFree(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcard hosts (*, +) are not valid in a Uri.
            var parsable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Port <= 0)
            {
                continue;
            }

            var host = uri.Host.Trim('[', ']');
            var address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
                ? IPAddress.Loopback
                : IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Any;
            var probe = new TcpListener(address, uri.Port);
            try
            {
                probe.Start();
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new IOException($"cannot listen on {url}: address already in use", exception);
            }
            catch (SocketException)
            {
                // Not ours to judge: Kestrel reports it with its own message.
            }
            finally
            {
                probe.Stop();
            }
        }
    }
}
