using System.Collections.Concurrent;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Tests;

public sealed class ReadinessTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Health_is_serving_with_the_store_open_and_not_serving_while_a_component_is_pending()
    {
        var health = new Health.HealthClient(_app.Channel);
        var readiness = _app.Services.GetRequiredService<IReadinessSignal>();

        var initially = await health.CheckAsync(new HealthCheckRequest());
        readiness.NotReady("matching-index", "building the index of memory 'news'");
        var pending = await health.CheckAsync(new HealthCheckRequest());
        readiness.Ready("matching-index");
        var ready = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, initially.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, pending.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, ready.Status);
    }

    [Fact]
    public async Task Probes_log_one_line_per_change_of_health_not_one_per_probe()
    {
        using var logs = new CapturedLogs();
        using var factory = _app.WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = factory.Server.CreateHandler() });
        var health = new Health.HealthClient(channel);
        var readiness = factory.Services.GetRequiredService<IReadinessSignal>();
        for (var wait = 0; wait < 100 && readiness.Pending.Count > 0; wait++)
        {
            await Task.Delay(100);
        }

        await health.CheckAsync(new HealthCheckRequest());
        readiness.NotReady("matching-index", "building the index of memory 'news'");
        for (var probe = 0; probe < 10; probe++)
        {
            await health.CheckAsync(new HealthCheckRequest());
        }

        readiness.Ready("matching-index");
        for (var probe = 0; probe < 10; probe++)
        {
            await health.CheckAsync(new HealthCheckRequest());
        }

        var lines = logs.Lines.Where(l => l.Contains("Health", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("readiness is Unhealthy: matching-index: building the index of memory 'news'", lines[0], StringComparison.Ordinal);
        Assert.Contains("readiness is Healthy again", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_not_serving_when_the_store_does_not_answer()
    {
        var health = new Health.HealthClient(_app.Channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        // Replace the database file by a directory of the same name: the store can no longer open it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_app.DatabasePath);
        File.Delete(_app.DatabasePath + "-wal");
        File.Delete(_app.DatabasePath + "-shm");
        Directory.CreateDirectory(_app.DatabasePath);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }

    /// <summary>Every log line of the server, category first.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)}");
        }
    }
}
