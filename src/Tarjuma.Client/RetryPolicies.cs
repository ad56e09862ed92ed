using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace Tarjuma.Client;

/// <summary>
/// Which calls may be retried after <c>Unavailable</c>: the idempotent ones only. Sending a write
/// twice could add a unit or import a file twice when the first attempt did reach the server, so
/// writes are never in this list (<c>AddUnit</c>, <c>ImportTmx</c>, <c>CreateMemory</c>, <c>Delete…</c>,
/// keys, <c>EditAbbreviations</c>, and <c>Align</c>, which may write into a memory). Client-streamed
/// calls that read their input once (<c>PretranslateXliff</c>, like <c>ImportTmx</c>) are not
/// retried either: a second attempt could not send the input again.
/// </summary>
internal static class RetryPolicies
{
    /// <summary>Service → idempotent methods (names as in protos/tarjuma/v1).</summary>
    public static readonly IReadOnlyList<(string Service, string Method)> IdempotentMethods =
    [
        ("tarjuma.v1.MemoryService", "GetMemory"),
        ("tarjuma.v1.MemoryService", "ListMemories"),
        ("tarjuma.v1.MemoryService", "GetMemoryStatistics"),
        ("tarjuma.v1.UnitService", "GetUnit"),
        ("tarjuma.v1.UnitService", "ListUnits"),
        ("tarjuma.v1.TmxService", "ExportTmx"),
        ("tarjuma.v1.LookupService", "Lookup"),
        ("tarjuma.v1.LookupService", "LookupStream"),
        ("tarjuma.v1.DocumentService", "Concordance"),
        ("tarjuma.v1.DocumentService", "Analyze"),
        ("tarjuma.v1.DocumentService", "Pretranslate"),
        ("tarjuma.v1.SegmentationService", "Segment"),
        ("tarjuma.v1.SegmentationService", "SegmentStream"),
        ("tarjuma.v1.SegmentationService", "ListRules"),
        ("tarjuma.v1.KeyService", "ListKeys"),
    ];

    /// <summary>The channel's service config: retries on <c>Unavailable</c> for <see cref="IdempotentMethods"/>.</summary>
    public static ServiceConfig? ServiceConfig(TarjumaClientOptions options)
    {
        if (options.MaxAttempts <= 1)
        {
            return null;
        }

        var method = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = options.MaxAttempts,
                InitialBackoff = options.InitialBackoff,
                MaxBackoff = options.MaxBackoff,
                BackoffMultiplier = options.BackoffMultiplier,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var (service, name) in IdempotentMethods)
        {
            method.Names.Add(new MethodName { Service = service, Method = name });
        }

        return new ServiceConfig { MethodConfigs = { method } };
    }
}
