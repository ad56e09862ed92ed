namespace Tarjuma.Server.Security;

/// <summary>Settings of section <c>Tarjuma:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Tarjuma:Security";

    /// <summary>
    /// Serve without API keys on a non-loopback address (trusted networks only; logged as a warning
    /// at start-up). Ignored once any key exists: then every call needs a key. Default false.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Calls per second one key may start, on average. 0 turns rate limiting off. Default 500.</summary>
    public int RequestsPerSecond { get; set; } = 500;

    /// <summary>Calls one key may start at once after being idle (token bucket size). Default 1000.</summary>
    public int Burst { get; set; } = 1_000;

    /// <summary>Calls (streams included) one key may have in flight. 0 turns it off. Default 64.</summary>
    public int MaxConcurrentCalls { get; set; } = 64;
}
