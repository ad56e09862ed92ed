using Tarjuma.Core.Security;

namespace Tarjuma.Core.Storage;

/// <summary>
/// One opened store seen through its ports: memories and units, abbreviations, API keys and, when
/// the store can push them, change notifications. Each storage project has a small factory that
/// returns this, so hosts (the server, the command line) never name a concrete store.
/// Disposing releases the store.
/// </summary>
public sealed class StorePorts(IMemoryStore memories, IAbbreviationStore abbreviations, IApiKeyStore keys, IDisposable owner) : IDisposable
{
    public IMemoryStore Memories { get; } = memories;

    public IAbbreviationStore Abbreviations { get; } = abbreviations;

    public IApiKeyStore Keys { get; } = keys;

    /// <summary>Wakes a change-log reader when another process commits; null when the store can only be polled.</summary>
    public IChangeSignal? Changes { get; init; }

    /// <summary>Where the store is, for logs ("sqlite: /data/tarjuma.db", "postgres: Host=db;Database=tarjuma").</summary>
    public string Description { get; init; } = string.Empty;

    public void Dispose() => owner.Dispose();
}

/// <summary>
/// A store's push notification that its change log grew (PostgreSQL's LISTEN/NOTIFY). Only a hint:
/// notifications can be lost, so a reader still reads the log itself and polls now and then.
/// </summary>
public interface IChangeSignal
{
    /// <summary>
    /// Completes when a change is announced after the call began, when <paramref name="timeout"/>
    /// passes, or at once when the notification channel is down (the caller then falls back to polling).
    /// True when a change was announced.
    /// </summary>
    Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
