using System.Net;

namespace Tarjuma.Server.Security;

/// <summary>Secure by default: the decision between open, key-only and refusing to start.</summary>
public static class Exposure
{
    public static SecurityMode Decide(IEnumerable<string> addresses, bool anyKeys, bool allowAnonymous)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (anyKeys)
        {
            return SecurityMode.RequireKeys;
        }

        if (addresses.All(IsLoopback))
        {
            return SecurityMode.DeveloperOpen;
        }

        return allowAnonymous ? SecurityMode.AnonymousOptOut : SecurityMode.Refuse;
    }

    /// <summary>
    /// True for <c>localhost</c>, 127.0.0.0/8 and ::1. Wildcards (<c>*</c>, <c>+</c>, 0.0.0.0, ::)
    /// and anything unparseable count as exposed.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        if (binding.IsUnixPipe || binding.IsNamedPipe)
        {
            // Local only by construction (file-system permissions decide who connects).
            return true;
        }

        var host = binding.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
