using Tarjuma.Core.Model;

namespace Tarjuma.Core.Security;

/// <summary>Key operations the server and the command line share.</summary>
public static class ApiKeyStoreExtensions
{
    /// <summary>Revokes the key and returns it as stored now; NotFound (naming <paramref name="field"/>) when there is no such key.</summary>
    public static async Task<ApiKey> RevokeExistingAsync(this IApiKeyStore keys, string id, string field, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrEmpty(id))
        {
            throw TarjumaException.InvalidArgument(field, "must not be empty.");
        }

        if (!await keys.RevokeAsync(id, cancellationToken))
        {
            throw new TarjumaException(ErrorKind.NotFound, $"there is no key '{id}'.", field);
        }

        return (await keys.ListAsync(cancellationToken)).First(k => string.Equals(k.Id, id, StringComparison.Ordinal));
    }
}
