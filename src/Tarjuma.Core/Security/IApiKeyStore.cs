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

    /// <summary>Every key as stored (with the secret's hash, never the secret), oldest first: for copying to another store.</summary>
    Task<IReadOnlyList<StoredApiKey>> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a key exactly as another store exported it (id, hash, dates); AlreadyExists when its id is taken.</summary>
    Task RestoreAsync(StoredApiKey key, CancellationToken cancellationToken = default);
}

/// <summary>A key with the SHA-256 of its secret, as a store keeps it: its secret keeps working after a copy.</summary>
public sealed record StoredApiKey(ApiKey Key, byte[] SecretHash);
