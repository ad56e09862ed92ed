namespace Tarjuma.Server.Protocols.Shared;

/// <summary>A refused protocol call: the HTTP status and a message the protocol renders in its own error shape.</summary>
internal sealed class ProtocolException(int status, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>Sent as <c>Retry-After</c> (whole seconds, rounded up) with 429.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
