using System.Collections.Immutable;
using Grpc.Core;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Keys;

/// <summary>gRPC adapter for API keys (administrators only but GetCallerKey, see RpcAccessTable): validation, a store call, mapping.</summary>
public sealed class KeyGrpcService(IApiKeyStore keys) : KeyService.KeyServiceBase
{
    public override async Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, ServerCallContext context)
    {
        var grants = request.Grants.Select((grant, i) => KeyGrant.Parse(grant, $"grants[{i}]")).ToImmutableArray();
        if (!request.Admin && grants.IsEmpty)
        {
            throw TarjumaException.InvalidArgument("grants", "a key that is not an administrator needs at least one grant (MEMORY:read or MEMORY:write).");
        }

        var created = await keys.CreateAsync(new NewApiKey(request.Name, request.Admin, grants), context.CancellationToken);
        return created.ToProto();
    }

    public override async Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context) =>
        new() { Keys = { (await keys.ListAsync(context.CancellationToken)).Select(k => k.ToProto()) } };

    public override async Task<ApiKeyInfo> RevokeKey(RevokeKeyRequest request, ServerCallContext context) =>
        (await keys.RevokeExistingAsync(request.Id, "id", context.CancellationToken)).ToProto();

    /// <summary>The caller's own key; an open server (no keys) answers as an administrator without id.</summary>
    public override Task<ApiKeyInfo> GetCallerKey(GetCallerKeyRequest request, ServerCallContext context) =>
        Task.FromResult(CallerIdentity.Of(context).Key?.ToProto() ?? new ApiKeyInfo { Admin = true });
}
