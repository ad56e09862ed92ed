using System.Globalization;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Protocols.Shared;

/// <summary>
/// The gRPC security decisions (<see cref="AuthInterceptor"/>, <see cref="SecurityGate"/>,
/// <see cref="KeyRateLimiter"/>) for plain-HTTP protocol calls: the same keys, the same mode (open
/// on loopback with no keys, else keys required) and the same per-key limits. Grants per memory
/// are checked by each protocol where it knows the memory.
/// </summary>
internal sealed class ProtocolAccess(SecurityGate gate, KeyRateLimiter limiter)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// The caller of an HTTP call. The key comes from <c>Authorization: Bearer</c>, else from
    /// <paramref name="protocolKey"/> (a key in the path or the protocol's own parameter).
    /// </summary>
    public async Task<CallerIdentity> AuthenticateAsync(HttpContext context, string? protocolKey)
    {
        var header = context.Request.Headers.Authorization.ToString();
        string? secret;
        if (header.Length > 0)
        {
            secret = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
            if (secret is null)
            {
                throw new ProtocolException(StatusCodes.Status401Unauthorized, "The Authorization header is not 'Bearer <key>'.");
            }
        }
        else
        {
            secret = string.IsNullOrWhiteSpace(protocolKey) ? null : protocolKey.Trim();
        }

        if (secret is null)
        {
            var mode = await gate.ModeAsync(context.RequestAborted);
            return mode is SecurityMode.DeveloperOpen or SecurityMode.AnonymousOptOut
                ? CallerIdentity.Anonymous
                : throw new ProtocolException(StatusCodes.Status401Unauthorized,
                    "This server requires an API key: send 'Authorization: Bearer <key>' or the key parameter.");
        }

        // A key presented is always checked, even on an open server: a wrong key is an error to report.
        var key = await gate.Keys.VerifyAsync(secret, context.RequestAborted);
        return key is null
            ? throw new ProtocolException(StatusCodes.Status401Unauthorized, "The API key is unknown, revoked or malformed.")
            : new CallerIdentity(key);
    }

    /// <summary>The per-key limit lease for the call; 429 with the wait when the key is over its limits.</summary>
    public IDisposable? Acquire(CallerIdentity caller)
    {
        // Anonymous callers (open server) are not limited, as on gRPC.
        if (caller.Key is null)
        {
            return null;
        }

        var (lease, retryAfter) = limiter.TryAcquire(caller.Partition);
        if (lease is not null)
        {
            return lease;
        }

        var milliseconds = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
        throw new ProtocolException(
            StatusCodes.Status429TooManyRequests,
            string.Create(CultureInfo.InvariantCulture, $"Too many calls for this key; retry after {milliseconds} ms."),
            retryAfter);
    }
}
