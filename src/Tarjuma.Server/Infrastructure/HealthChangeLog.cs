using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Logs a health check's result when it changes (serving ↔ not serving), not on every probe: a
/// load balancer probing every second while the indexes build would otherwise fill the log. The
/// health check service's own per-probe lines are filtered out (<see cref="TarjumaServer"/>).
/// </summary>
internal sealed class HealthChangeLog(ILogger<HealthChangeLog> logger)
{
    /// <summary>The health check service logs every probe under this category; we log changes instead.</summary>
    public const string ProbeCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    private readonly Dictionary<string, HealthStatus> _last = new(StringComparer.Ordinal);

    /// <summary>Returns <paramref name="result"/>, logging it when the check's status differs from the last one (at start: healthy).</summary>
    public HealthCheckResult Record(string check, HealthCheckResult result)
    {
        lock (_last)
        {
            var previous = _last.GetValueOrDefault(check, HealthStatus.Healthy);
            _last[check] = result.Status;
            if (previous == result.Status)
            {
                return result;
            }
        }

        if (result.Status == HealthStatus.Healthy)
        {
            ServerLog.HealthRestored(logger, check);
        }
        else
        {
            ServerLog.HealthLost(logger, check, result.Status, result.Description ?? string.Empty, result.Exception?.Message ?? string.Empty);
        }

        return result;
    }
}
