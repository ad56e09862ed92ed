using System.Collections.Immutable;
using System.Text.Json;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;

namespace Tarjuma.Storage.Common.Security;

/// <summary>The rules for a new API key and the stored form of its grants, alike in every store.</summary>
internal static class StoredKeys
{
    /// <summary>Longest key name; it is a label in listings.</summary>
    public const int MaxNameLength = 200;

    /// <summary>More grants than this is a mistake in a script, not a real key.</summary>
    public const int MaxGrants = 1_000;

    /// <summary>The key's grants (empty for none) once its name and grants pass; the error names the field otherwise.</summary>
    public static ImmutableArray<KeyGrant> Validate(NewApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrWhiteSpace(key.Name) || key.Name.Length > MaxNameLength)
        {
            throw TarjumaException.InvalidArgument("name", $"a key needs a name of 1 to {MaxNameLength} characters.");
        }

        var grants = key.Grants.IsDefault ? [] : key.Grants;
        if (!key.IsAdmin && grants.IsEmpty)
        {
            throw TarjumaException.InvalidArgument("grant", "a key is either an administrator or has at least one grant.");
        }

        if (grants.Length > MaxGrants)
        {
            throw TarjumaException.InvalidArgument("grant", $"a key has at most {MaxGrants} grants.");
        }

        return grants;
    }

    /// <summary><c>api_keys.grants</c>: JSON <c>[{"m":"memory or *","a":"read|write"}]</c> (frozen).</summary>
    public static string WriteGrants(ImmutableArray<KeyGrant> grants) =>
        JsonSerializer.Serialize((grants.IsDefault ? [] : grants).Select(g => new StoredGrant(g.Memory, g.Access == MemoryAccess.Write ? "write" : "read"))
            .ToArray(), StoredGrantContext.Default.StoredGrantArray);

    public static ImmutableArray<KeyGrant> ReadGrants(string json) =>
        [.. (JsonSerializer.Deserialize(json, StoredGrantContext.Default.StoredGrantArray) ?? []).Select(g => new KeyGrant(g.M,
            g.A == "write" ? MemoryAccess.Write : MemoryAccess.Read))];
}
