using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

public sealed partial class TarjumaClient
{
    /// <summary>Creates an API key (administrator keys only). The secret is in the response, once.</summary>
    /// <param name="name">A name for people.</param>
    /// <param name="admin">True for an administrator key.</param>
    /// <param name="grants">Grants like <c>news:write</c> or <c>*:read</c>; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TarjumaInvalidArgumentException">A bad grant; <see cref="TarjumaRpcException.Field"/> says which field.</exception>
    public Task<CreateKeyResponse> CreateKeyAsync(string name, bool admin, IEnumerable<string>? grants = null, CancellationToken cancellationToken = default)
    {
        var request = new CreateKeyRequest { Name = name ?? string.Empty, Admin = admin };
        request.Grants.AddRange(grants ?? []);
        return UnaryAsync(() => _keys.CreateKeyAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>Every API key (without secrets), revoked ones included.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        var response = await UnaryAsync(() => _keys.ListKeysAsync(new ListKeysRequest(), UnaryCall(cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return [.. response.Keys];
    }

    /// <summary>Revokes a key at once.</summary>
    /// <exception cref="TarjumaNotFoundException">There is no such key.</exception>
    public Task<ApiKeyInfo> RevokeKeyAsync(string id, CancellationToken cancellationToken = default) =>
        UnaryAsync(() => _keys.RevokeKeyAsync(new RevokeKeyRequest { Id = id ?? string.Empty }, UnaryCall(cancellationToken)), cancellationToken);

    /// <summary>The key this client calls with (any key): its name, whether it is an administrator, its grants.</summary>
    /// <exception cref="TarjumaUnauthenticatedException">The key is unknown or revoked.</exception>
    public Task<ApiKeyInfo> GetCallerKeyAsync(CancellationToken cancellationToken = default) =>
        UnaryAsync(() => _keys.GetCallerKeyAsync(new GetCallerKeyRequest(), UnaryCall(cancellationToken)), cancellationToken);
}
