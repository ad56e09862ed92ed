using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Storage;
using Tarjuma.Server.Alignment;
using Tarjuma.Server.Http;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Keys;
using Tarjuma.Server.Lookup;
using Tarjuma.Server.Memories;
using Tarjuma.Server.Protocols;
using Tarjuma.Server.Security;
using Tarjuma.Server.Segmentation;
using Tarjuma.Server.Tmx;
using Tarjuma.Server.Units;

namespace Tarjuma.Server;

/// <summary>Server settings, section <c>Tarjuma</c>.</summary>
public sealed class TarjumaServerOptions
{
    public const string Section = "Tarjuma";

    /// <summary>SQLite database file. Default: <c>data/tarjuma.db</c> under the working directory.</summary>
    public string? Database { get; set; }

    /// <summary>Which store: <c>sqlite</c> (default, the <see cref="Database"/> file) or <c>postgres</c> (<see cref="Connection"/>).</summary>
    public string? Store { get; set; }

    /// <summary>The PostgreSQL connection string (Npgsql syntax) when <see cref="Store"/> is <c>postgres</c>.</summary>
    public string? Connection { get; set; }

    /// <summary>Largest gRPC message accepted, in bytes. Default 16 MiB (TMX chunks, long documents).</summary>
    public int MaxReceiveMessageSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long in-flight calls may run on after a stop signal before they are cancelled with
    /// Unavailable. Default 10 s; the host waits this plus <see cref="ShutdownMargin"/> in all.
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the server reads the store's change log for writes made by other processes (the
    /// command line with --db). Default 100 ms: one indexed read when nothing changed.
    /// </summary>
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// With a store that notifies of changes (PostgreSQL), how often the change log is read anyway,
    /// in case a notification was lost. Default 1 s: the longest a replica lags when one is.
    /// </summary>
    public TimeSpan ChangeFallbackInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a write waits for the database's write lock held by another process (a command-line
    /// import) before it fails with Unavailable. Default (unset): the SQLite store's own, 5 s.
    /// </summary>
    public TimeSpan? BusyTimeout { get; set; }

    /// <summary>
    /// Plain-HTTP addresses (REST, CAT-tool protocols, the console), <c>;</c>-separated. Default: each
    /// gRPC address's port + 1; <c>none</c>: no HTTP listener. See <see cref="ListenerPlan"/>.
    /// </summary>
    public string? HttpUrls { get; set; }

    /// <summary>
    /// Whether the retrieval indexes are saved as snapshots in the folder <c>DATABASE.indexes</c> (after each
    /// build, compaction and large import) and read back at start-up when valid. Default true.
    /// </summary>
    public bool IndexSnapshots { get; set; } = true;

    /// <summary>Time after the grace period for cancelled calls to send their status and the host to stop.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The server's services over the engine's ports; the concrete store and aligner come in as <see cref="ServerParts"/>
/// from a composition root (Tarjuma.Hosting: the standalone server and <c>tarjuma serve</c>).
/// </summary>
public static class TarjumaServer
{
    /// <summary>Registers the parts' store and aligner, the gRPC services, health checks and reflection.</summary>
    public static WebApplicationBuilder AddTarjumaServer(this WebApplicationBuilder builder, ServerParts parts)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(parts);
        builder.Services.AddOptions<TarjumaServerOptions>().Bind(builder.Configuration.GetSection(TarjumaServerOptions.Section));
        ConfigureListeners(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SegmenterCache>();
        builder.Services.AddSingleton<ServerShutdown>();
        builder.Services.AddSingleton<IReadinessSignal, ReadinessSignal>();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<TarjumaServerOptions>>((host, tarjuma) =>
            host.ShutdownTimeout = tarjuma.Value.ShutdownGrace + TarjumaServerOptions.ShutdownMargin);
        // The composition root picks the store; everything here sees only its ports.
        builder.Services.AddSingleton(services =>
        {
            var store = parts.OpenStore(services);
            ServerLog.StoreOpened(services.GetRequiredService<ILogger<StorePorts>>(), store.Description);
            return store;
        });

        // Every write goes through the indexed store so the retrieval indexes stay current; their
        // snapshots beside the database make a restart read them instead of rebuilding (issue #12).
        builder.Services.AddSingleton(services => new IndexedMemoryStore(services.GetRequiredService<StorePorts>().Memories)
        {
            SnapshotDirectory = parts.IndexSnapshotDirectory(services),
        });
        builder.Services.AddSingleton<IMemoryStore>(services => services.GetRequiredService<IndexedMemoryStore>());
        builder.Services.AddSingleton(services => services.GetRequiredService<StorePorts>().Abbreviations);
        builder.Services.AddSingleton(parts.Aligner);
        builder.Services.AddSingleton<MemoryRules>();
        builder.Services.AddHostedService<IndexWarmUp>();
        builder.Services.AddHostedService<ChangeFollower>();
        builder.Services.AddHostedService<AbbreviationLearningWorker>();

        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ErrorInterceptor>();
            // Inside the error interceptor: its RpcExceptions (Unauthenticated, ...) pass through as they are.
            grpc.Interceptors.Add<AuthInterceptor>();
            grpc.Interceptors.Add<LimitsInterceptor>();
            grpc.Interceptors.Add<ShutdownInterceptor>();
            grpc.MaxReceiveMessageSize = MessageLimit(builder.Configuration);
            // Exceptions become statuses in ErrorInterceptor; never leak stack traces to clients.
            grpc.EnableDetailedErrors = false;
        });
        builder.AddTarjumaSecurity();
        builder.AddCatProtocols();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store").AddCheck<ReadinessHealthCheck>("readiness");
        builder.Services.AddSingleton<HealthChangeLog>();
        builder.Logging.AddFilter(HealthChangeLog.ProbeCategory, LogLevel.None);
        // REST (JSON transcoding), OpenAPI and gRPC-Web over the same services (Http/HttpApi.cs).
        builder.AddTarjumaHttpApi();
        return builder;
    }

    /// <summary>
    /// Adds the <c>Tarjuma:HttpUrls</c> addresses to the gRPC ones (<c>urls</c>) and gives each its HTTP
    /// versions (<see cref="ListenerPlan"/>). An operator's own <c>Kestrel:Endpoints</c> section is left as it is.
    /// </summary>
    /// <exception cref="InvalidListenerException">An address cannot be listened on.</exception>
    private static void ConfigureListeners(WebApplicationBuilder builder)
    {
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls) || builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            return;
        }

        var listeners = ListenerPlan.Resolve(urls, builder.Configuration[$"{TarjumaServerOptions.Section}:{nameof(TarjumaServerOptions.HttpUrls)}"]);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, ListenerPlan.Urls(listeners));
        // Runs after Kestrel:EndpointDefaults from configuration, for every address; a host's own
        // endpoints in code (tests) keep their versions.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint =>
        {
            if (endpoint.IPEndPoint is { } address && ListenerPlan.ProtocolsFor(listeners, address.Port) is { } protocols)
            {
                endpoint.Protocols = protocols;
            }
        }));
        builder.Services.AddSingleton(new ServerListeners(listeners));
    }

    /// <summary>Tarjuma:Limits:MaxMessageBytes, or the older Tarjuma:MaxReceiveMessageSize when only that is set.</summary>
    private static int MessageLimit(IConfiguration configuration) =>
        configuration.GetSection(TarjumaLimits.Section).Get<TarjumaLimits>()?.MaxMessageBytes
            ?? configuration.GetSection(TarjumaServerOptions.Section).Get<TarjumaServerOptions>()?.MaxReceiveMessageSize
            ?? new TarjumaLimits().MaxMessageBytes;

    /// <summary>Maps the services; opens the store at start-up so a bad database fails fast.</summary>
    public static WebApplication MapTarjumaServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<IMemoryStore>();
        app.UseTarjumaSecurity();
        var shutdown = app.Services.GetRequiredService<ServerShutdown>();
        app.Use((context, next) => shutdown.LinkAsync(context, () => next(context)));
        var messageLimit = MessageLimit(app.Configuration);
        app.Use((context, next) => MessageLimitStatus.InvokeAsync(context, () => next(context), messageLimit));
        app.MapGrpcService<MemoryGrpcService>();
        app.MapGrpcService<UnitGrpcService>();
        app.MapGrpcService<TmxGrpcService>();
        app.MapGrpcService<LookupGrpcService>();
        app.MapGrpcService<DocumentGrpcService>();
        app.MapGrpcService<SegmentationGrpcService>();
        app.MapGrpcService<AlignmentGrpcService>();
        app.MapGrpcService<KeyGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapTarjumaHttpApi(messageLimit);
        app.MapCatProtocols();
        return app;
    }
}

/// <summary>
/// Builds the retrieval indexes at start-up, in the background: the server answers meanwhile
/// (lookups wait for their index) and health reports NOT_SERVING until they are built.
/// </summary>
internal sealed class IndexWarmUp : BackgroundService
{
    private const string Component = "retrieval-indexes";
    private readonly IndexedMemoryStore _store;
    private readonly IReadinessSignal _readiness;
    private readonly ILogger<IndexWarmUp> _logger;

    public IndexWarmUp(IndexedMemoryStore store, IReadinessSignal readiness, ILogger<IndexWarmUp> logger)
    {
        _store = store;
        _readiness = readiness;
        _logger = logger;
        readiness.NotReady(Component, "building the retrieval indexes");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await _store.WarmUpAsync(stoppingToken);
        _readiness.Ready(Component);
        ServerLog.IndexesBuilt(_logger, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}

/// <summary>Ready when the store answers a query.</summary>
internal sealed class StoreHealthCheck(IMemoryStore store, HealthChangeLog log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListMemoriesAsync(cancellationToken);
            return log.Record("store", HealthCheckResult.Healthy());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return log.Record("store", HealthCheckResult.Unhealthy("The store does not answer.", exception));
        }
    }
}
