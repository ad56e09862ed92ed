using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Storage;
using Tarjuma.Server.Alignment;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Lookup;
using Tarjuma.Server.Memories;
using Tarjuma.Server.Security;
using Tarjuma.Server.Segmentation;
using Tarjuma.Server.Tmx;
using Tarjuma.Server.Units;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Server;

/// <summary>Server settings, section <c>Tarjuma</c>.</summary>
public sealed class TarjumaServerOptions
{
    public const string Section = "Tarjuma";

    /// <summary>SQLite database file. Default: <c>data/tarjuma.db</c> under the working directory.</summary>
    public string? Database { get; set; }

    /// <summary>Largest gRPC message accepted, in bytes. Default 16 MiB (TMX chunks, long documents).</summary>
    public int MaxReceiveMessageSize { get; set; } = 16 * 1024 * 1024;
}

/// <summary>The server's composition: what <c>Program.cs</c> and <c>tarjuma serve</c> both run.</summary>
public static class TarjumaServer
{
    /// <summary>Registers the store, the gRPC services, health checks and reflection.</summary>
    public static WebApplicationBuilder AddTarjumaServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TarjumaServerOptions>().Bind(builder.Configuration.GetSection(TarjumaServerOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SegmenterCache>();
        builder.Services.AddSingleton<IMemoryStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<TarjumaServerOptions>>().Value;
            var path = string.IsNullOrEmpty(options.Database) ? SqliteStoreOptions.DefaultDatabasePath() : options.Database;
            var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = path });
            ServerLog.StoreOpened(services.GetRequiredService<ILogger<SqliteMemoryStore>>(), Path.GetFullPath(path));
            return store;
        });

        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ErrorInterceptor>();
            // Inside the error interceptor: its RpcExceptions (Unauthenticated, ...) pass through as they are.
            grpc.Interceptors.Add<AuthInterceptor>();
            grpc.Interceptors.Add<LimitsInterceptor>();
            // Tarjuma:Limits:MaxMessageBytes, or the older Tarjuma:MaxReceiveMessageSize when only that is set.
            grpc.MaxReceiveMessageSize = builder.Configuration.GetSection(TarjumaLimits.Section).Get<TarjumaLimits>()?.MaxMessageBytes
                ?? builder.Configuration.GetSection(TarjumaServerOptions.Section).Get<TarjumaServerOptions>()?.MaxReceiveMessageSize
                ?? new TarjumaLimits().MaxMessageBytes;
            // Exceptions become statuses in ErrorInterceptor; never leak stack traces to clients.
            grpc.EnableDetailedErrors = false;
        });
        builder.AddTarjumaSecurity();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");
        return builder;
    }

    /// <summary>Maps the services; opens the store at start-up so a bad database fails fast.</summary>
    public static WebApplication MapTarjumaServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<IMemoryStore>();
        app.UseTarjumaSecurity();
        app.MapGrpcService<MemoryGrpcService>();
        app.MapGrpcService<UnitGrpcService>();
        app.MapGrpcService<TmxGrpcService>();
        app.MapGrpcService<LookupGrpcService>();
        app.MapGrpcService<SegmentationGrpcService>();
        app.MapGrpcService<AlignmentGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGet("/", () => "Tarjuma translation-memory server: gRPC API, see protos/tarjuma/v1.");
        return app;
    }
}

/// <summary>Ready when the store answers a query.</summary>
internal sealed class StoreHealthCheck(IMemoryStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListMemoriesAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", exception);
        }
    }
}
