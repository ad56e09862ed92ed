namespace Tarjuma.Core.Security;

/// <summary>
/// The API key port. Keys are stored hashed: <see cref="CreateAsync"/> returns the secret once and
/// nothing can read it back. Errors are <see cref="Model.TarjumaException"/>s.
/// </summary>
public interface IApiKeyStore
{
    Task<CreatedApiKey> CreateAsync(NewApiKey key, CancellationToken cancellationToken = default);

    /// <summary>All keys, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes the key; false when there is no such key. Revoking twice keeps the first date.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The key a presented secret belongs to, or null when it is unknown, wrong or revoked.</summary>
    Task<ApiKey?> VerifyAsync(string secret, CancellationToken cancellationToken = default);

    /// <summary>True once any key has been created (revoked ones count): from then on auth is required.</summary>
    Task<bool> AnyKeysAsync(CancellationToken cancellationToken = default);
}
