using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Tarjuma.Server.Security;

/// <summary>
/// The one place where access is decided, for every RPC (streams included): authenticate the
/// <c>authorization: Bearer</c> key, check the <see cref="RpcAccessTable"/> row against every
/// request message, apply the per-key limits. Runs inside <see cref="Infrastructure.ErrorInterceptor"/>.
/// </summary>
internal sealed class AuthInterceptor(SecurityGate gate, KeyRateLimiter limiter) : Interceptor
{
    /// <summary>Trailer with the suggested wait after ResourceExhausted, in milliseconds.</summary>
    public const string RetryAfterTrailer = "retry-after-ms";

    private const string BearerPrefix = "Bearer ";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var rule = RpcAccessTable.For(context.Method);
        if (rule.Requirement == Requirement.Open)
        {
            return await continuation(request, context);
        }

        var caller = await AuthenticateAsync(context);
        context.UserState[typeof(CallerIdentity)] = caller;
        Authorize(rule, caller, request);
        using var lease = Acquire(caller);
        var response = await continuation(request, context);
        return rule.FilterResponse is { } filter ? (TResponse)filter(response, caller) : response;
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var rule = RpcAccessTable.For(context.Method);
        if (rule.Requirement == Requirement.Open)
        {
            return await continuation(requestStream, context);
        }

        var caller = await AuthenticateAsync(context);
        context.UserState[typeof(CallerIdentity)] = caller;
        Authorize(rule, caller, message: null);
        using var lease = Acquire(caller);
        var reader = new CheckedReader<TRequest>(requestStream, rule, caller);
        await reader.PrimeAsync(context.CancellationToken);
        return await continuation(reader, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest,
            TResponse> continuation)
    {
        var rule = RpcAccessTable.For(context.Method);
        if (rule.Requirement == Requirement.Open)
        {
            await continuation(request, responseStream, context);
            return;
        }

        var caller = await AuthenticateAsync(context);
        context.UserState[typeof(CallerIdentity)] = caller;
        Authorize(rule, caller, request);
        using var lease = Acquire(caller);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
            DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var rule = RpcAccessTable.For(context.Method);
        if (rule.Requirement == Requirement.Open)
        {
            await continuation(requestStream, responseStream, context);
            return;
        }

        var caller = await AuthenticateAsync(context);
        context.UserState[typeof(CallerIdentity)] = caller;
        Authorize(rule, caller, message: null);
        using var lease = Acquire(caller);
        var reader = new CheckedReader<TRequest>(requestStream, rule, caller);
        await reader.PrimeAsync(context.CancellationToken);
        await continuation(reader, responseStream, context);
    }

    private async Task<CallerIdentity> AuthenticateAsync(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null)
        {
            var mode = await gate.ModeAsync(context.CancellationToken);
            return mode is SecurityMode.DeveloperOpen or SecurityMode.AnonymousOptOut
                ? CallerIdentity.Anonymous
                : throw new RpcException(new Status(StatusCode.Unauthenticated,
                    "This server requires an API key: send the metadata 'authorization: Bearer <key>'."));
        }

        // A key presented is always checked, even on an open server: a wrong key is an error to report.
        var secret = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
        var key = secret is null ? null : await gate.Keys.VerifyAsync(secret, context.CancellationToken);
        return key is null
            ? throw new RpcException(new Status(StatusCode.Unauthenticated, "The API key is unknown, revoked or malformed ('authorization: Bearer <key>')."))
            : new CallerIdentity(key);
    }

    /// <summary>Checks the rule; with a message, also every memory it names.</summary>
    internal static void Authorize(RpcRule rule, CallerIdentity caller, object? message)
    {
        switch (rule.Requirement)
        {
            case Requirement.Admin when !caller.IsAdmin:
                throw new RpcException(new Status(StatusCode.PermissionDenied, "This call needs an administrator key."));
            case Requirement.Memory when message is not null:
                foreach (var memory in rule.Memories(message))
                {
                    // An empty name is the service's to reject (InvalidArgument), not a permission question.
                    if (memory.Length > 0 && !caller.Allows(memory, rule.Access))
                    {
                        var access = rule.Access == Core.Security.MemoryAccess.Write ? "write" : "read";
                        throw new RpcException(new Status(StatusCode.PermissionDenied, $"This key may not {access} memory '{memory}'."));
                    }
                }

                break;
        }
    }

    private IDisposable Acquire(CallerIdentity caller)
    {
        // Anonymous callers (open server) are not limited: there is no key to tell them apart.
        if (caller.Key is null)
        {
            return NoLease;
        }

        var (lease, retryAfter) = limiter.TryAcquire(caller.Partition);
        if (lease is not null)
        {
            return lease;
        }

        var milliseconds = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
        throw new RpcException(
            new Status(StatusCode.ResourceExhausted, string.Create(CultureInfo.InvariantCulture,
                $"Too many calls for this key; retry after {milliseconds} ms.")),
            new Metadata { { RetryAfterTrailer, milliseconds.ToString(CultureInfo.InvariantCulture) } });
    }

    private static readonly IDisposable NoLease = new CancellationTokenRegistration();

    /// <summary>
    /// Checks each message of a request stream before the service sees it. The first one is read
    /// (and checked) before the service starts, so a refused stream never reaches it at all.
    /// </summary>
    private sealed class CheckedReader<T>(IAsyncStreamReader<T> inner, RpcRule rule, CallerIdentity caller) : IAsyncStreamReader<T>
    {
        private bool _primed;
        private bool _hasPrimed;

        public T Current => inner.Current;

        public async Task PrimeAsync(CancellationToken cancellationToken)
        {
            _hasPrimed = await MoveNextCheckedAsync(cancellationToken);
            _primed = true;
        }

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (_primed)
            {
                _primed = false;
                return Task.FromResult(_hasPrimed);
            }

            return MoveNextCheckedAsync(cancellationToken);
        }

        private async Task<bool> MoveNextCheckedAsync(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            Authorize(rule, caller, inner.Current!);
            return true;
        }
    }
}
