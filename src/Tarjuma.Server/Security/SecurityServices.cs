using Microsoft.Extensions.Options;
using Tarjuma.Core.Storage;

namespace Tarjuma.Server.Security;

/// <summary>Registers authentication, authorization and limits, and the secure-by-default start-up check.</summary>
internal static partial class SecurityServices
{
    public static WebApplicationBuilder AddTarjumaSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section));
        // Keys live in the store beside the memories (one backup carries both).
        builder.Services.AddSingleton(services => services.GetRequiredService<StorePorts>().Keys);
        builder.Services.AddSingleton<SecurityGate>();
        builder.Services.AddSingleton<KeyRateLimiter>();
        builder.Services.AddSingleton<AuthInterceptor>();
        builder.Services.AddOptions<TarjumaLimits>().Bind(builder.Configuration.GetSection(TarjumaLimits.Section));
        builder.Services.AddSingleton<LimitsInterceptor>();
        return builder;
    }

    /// <summary>
    /// Once the server listens, decides the mode from its real addresses: a server reachable from
    /// the network with no keys and no opt-out stops at once (exit code 1). Until then the
    /// interceptor already refuses anonymous calls there, so no call slips through.
    /// </summary>
    public static WebApplication UseTarjumaSecurity(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var gate = app.Services.GetRequiredService<SecurityGate>();
            var logger = app.Services.GetRequiredService<ILogger<SecurityGate>>();
            var addresses = string.Join(", ", gate.Addresses());
            var mode = gate.ModeAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
            switch (mode)
            {
                case SecurityMode.RequireKeys:
                    StartedWithKeys(logger, addresses, options.RequestsPerSecond, options.Burst, options.MaxConcurrentCalls);
                    break;
                case SecurityMode.DeveloperOpen:
                    StartedOpenOnLoopback(logger, addresses);
                    break;
                case SecurityMode.AnonymousOptOut:
                    StartedAnonymous(logger, addresses);
                    break;
                default:
                    RefusedToStart(logger, addresses);
                    Environment.ExitCode = 1;
                    app.Lifetime.StopApplication();
                    break;
            }
        });
        return app;
    }

    [LoggerMessage(100, LogLevel.Information, "API keys required on {Addresses}; per key: {Rate} calls/s, burst {Burst}, {Concurrent} in flight")]
    private static partial void StartedWithKeys(ILogger logger, string addresses, int rate, int burst, int concurrent);

    [LoggerMessage(101, LogLevel.Warning,
        "No API keys: open to this machine only ({Addresses}), developer mode. Create a key with 'tarjuma keys create' to require keys")]
    private static partial void StartedOpenOnLoopback(ILogger logger, string addresses);

    [LoggerMessage(102, LogLevel.Warning,
        "No API keys and Tarjuma:Security:AllowAnonymous=true: ANYONE who reaches {Addresses} may read, change and delete every memory")]
    private static partial void StartedAnonymous(ILogger logger, string addresses);

    [LoggerMessage(103, LogLevel.Critical,
        "Refusing to serve {Addresses} without API keys. Create one with 'tarjuma keys create --admin --name NAME', listen on 127.0.0.1 only, or opt out "
            + "on a trusted network with Tarjuma:Security:AllowAnonymous=true (tarjuma serve --insecure-allow-anonymous)")]
    private static partial void RefusedToStart(ILogger logger, string addresses);
}
