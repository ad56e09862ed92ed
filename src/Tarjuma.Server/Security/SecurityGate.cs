using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Security;

namespace Tarjuma.Server.Security;

/// <summary>The current <see cref="SecurityMode"/>: from the server's addresses and whether keys exist.</summary>
internal sealed class SecurityGate(IApiKeyStore keys, IServer server, IOptions<SecurityOptions> options)
{
    // Keys are revoked, never deleted, so once seen they exist for good: no more queries.
    private volatile bool _keysSeen;

    public IApiKeyStore Keys => keys;

    public async ValueTask<SecurityMode> ModeAsync(CancellationToken cancellationToken)
    {
        if (_keysSeen)
        {
            return SecurityMode.RequireKeys;
        }

        if (await keys.AnyKeysAsync(cancellationToken))
        {
            _keysSeen = true;
            return SecurityMode.RequireKeys;
        }

        return Exposure.Decide(Addresses(), anyKeys: false, options.Value.AllowAnonymous);
    }

    /// <summary>Where the server listens; empty for an in-process test server (no socket).</summary>
    public IReadOnlyList<string> Addresses() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses is { } addresses ? [.. addresses] : [];
}
