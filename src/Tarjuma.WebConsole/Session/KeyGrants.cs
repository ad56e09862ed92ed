using Tarjuma.Protos.V1;

namespace Tarjuma.WebConsole.Session;

/// <summary>
/// Reads a key's grants ("MEMORY:read", "MEMORY:write", MEMORY "*" for all) to decide which controls
/// to show. Only a hint for the interface: the server decides every call by the same grants.
/// </summary>
public static class KeyGrants
{
    /// <summary>True when <paramref name="key"/> may read (or, with <paramref name="write"/>, write) <paramref name="memory"/>.</summary>
    public static bool Allows(ApiKeyInfo key, string memory, bool write)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Admin)
        {
            return true;
        }

        foreach (var grant in key.Grants)
        {
            var colon = grant.LastIndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = grant[..colon];
            var access = grant[(colon + 1)..];
            var memoryMatches = name == "*" || string.Equals(name, memory, StringComparison.Ordinal);
            var accessMatches = string.Equals(access, "write", StringComparison.OrdinalIgnoreCase)
                || (!write && string.Equals(access, "read", StringComparison.OrdinalIgnoreCase));
            if (memoryMatches && accessMatches)
            {
                return true;
            }
        }

        return false;
    }
}
