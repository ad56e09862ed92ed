using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tarjuma.Server.Security;

/// <summary>
/// Per-key limits: a token bucket for the call rate and a cap on calls in flight. Rejects at once
/// (no queue) so a client backs off with the hint instead of piling up server memory.
/// </summary>
internal sealed class KeyRateLimiter : IDisposable
{
    /// <summary>Hint when the limiter gives none (concurrency): a short wait, calls end quickly.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<string>? _limiter;

    public KeyRateLimiter(IOptions<SecurityOptions> options)
    {
        var settings = options.Value;
        var limiters = new List<PartitionedRateLimiter<string>>();
        if (settings.RequestsPerSecond > 0)
        {
            // Refilled ten times a second when the rate divides evenly (smoother), else once a second.
            var (tokens, period) = settings.RequestsPerSecond % 10 == 0
                ? (settings.RequestsPerSecond / 10, TimeSpan.FromMilliseconds(100))
                : (settings.RequestsPerSecond, TimeSpan.FromSeconds(1));
            limiters.Add(PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(settings.Burst, tokens),
                    TokensPerPeriod = tokens,
                    ReplenishmentPeriod = period,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })));
        }

        if (settings.MaxConcurrentCalls > 0)
        {
            limiters.Add(PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.MaxConcurrentCalls,
                QueueLimit = 0,
            })));
        }

        _limiter = limiters.Count switch
        {
            0 => null,
            1 => limiters[0],
            _ => PartitionedRateLimiter.CreateChained([.. limiters]),
        };
    }

    /// <summary>A lease to dispose when the call ends, or the wait to suggest when refused.</summary>
    public (IDisposable? Lease, TimeSpan RetryAfter) TryAcquire(string partition)
    {
        if (_limiter is null)
        {
            return (NoLease.Instance, TimeSpan.Zero);
        }

        var lease = _limiter.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return (lease, TimeSpan.Zero);
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : DefaultRetryAfter;
        lease.Dispose();
        return (null, retryAfter);
    }

    public void Dispose() => _limiter?.Dispose();

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
