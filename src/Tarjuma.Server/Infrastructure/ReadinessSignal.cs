using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Conditions the server must meet before it is ready beyond an open store, e.g. matching indexes
/// built. A component calls <see cref="NotReady"/> at start-up and <see cref="Ready"/> when done;
/// the gRPC health service answers NOT_SERVING while any is pending.
/// </summary>
public interface IReadinessSignal
{
    /// <summary>Marks <paramref name="component"/> as not ready, with why (shown in the health check).</summary>
    void NotReady(string component, string reason);

    /// <summary>Marks <paramref name="component"/> as ready.</summary>
    void Ready(string component);

    /// <summary>The components not ready yet with their reasons; empty when ready.</summary>
    IReadOnlyDictionary<string, string> Pending { get; }
}

/// <summary>The thread-safe default: components register and clear themselves.</summary>
internal sealed class ReadinessSignal : IReadinessSignal
{
    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Pending => new Dictionary<string, string>(_pending, StringComparer.Ordinal);

    public void NotReady(string component, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        _pending[component] = reason ?? string.Empty;
    }

    public void Ready(string component) => _pending.TryRemove(component, out _);
}

/// <summary>Unhealthy while a readiness condition is pending or the server is stopping.</summary>
internal sealed class ReadinessHealthCheck(IReadinessSignal readiness, ServerShutdown shutdown, HealthChangeLog log) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (shutdown.IsStopping)
        {
            return Task.FromResult(log.Record("readiness", HealthCheckResult.Unhealthy("The server is shutting down.")));
        }

        var pending = readiness.Pending;
        return Task.FromResult(log.Record("readiness", pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Join("; ", pending.Select(p => $"{p.Key}: {p.Value}")))));
    }
}
