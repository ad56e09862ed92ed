using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Tarjuma.Protos.V1;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary>Stops the whole PostgreSQL server: runs alone, after the tests that share it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseOutageCollection
{
    public const string Name = "PostgreSQL outage";
}

/// <summary>
/// A replica that loses the database says so on health, recovers by itself when it returns, and no
/// acknowledged write is lost. Needs a server these tests may stop: <c>TARJUMA_TEST_POSTGRES_CTL</c>
/// (a script taking start|stop|restart and <c>TARJUMA_TEST_POSTGRES_DIR</c>, as <c>.ci/postgres</c>).
/// </summary>
[Collection(DatabaseOutageCollection.Name)]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private TestSchema? _schema;
    private Replica? _a;
    private Replica? _b;

    public async Task InitializeAsync()
    {
        _schema = await TestSchema.CreateAsync();
        _a = new Replica(_schema.ConnectionString);
        _b = new Replica(_schema.ConnectionString);
        await _a.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });
    }

    public async Task DisposeAsync()
    {
        _a?.Dispose();
        _b?.Dispose();
        if (_schema is not null)
        {
            await Control("start", mayFail: true);
            await _schema.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Health_is_not_serving_while_the_database_is_down_and_serving_again_after()
    {
        var (a, b) = (_a!, _b!);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await b.Health.CheckAsync(new HealthCheckRequest())).Status);

        await Control("stop");
        var down = await b.Health.CheckAsync(new HealthCheckRequest());
        var write = await Assert.ThrowsAsync<RpcException>(async () =>
            await a.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = ReplicaTests.Pair("Хуш омадед.", "Welcome.") }));
        await Control("start");

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, down.Status);
        Assert.Equal(StatusCode.Unavailable, write.StatusCode);
        await Eventually.ReturnsAsync(
            async () => (await b.Health.CheckAsync(new HealthCheckRequest())).Status,
            status => status == HealthCheckResponse.Types.ServingStatus.Serving,
            "health after the database returned");
        await Eventually.ReturnsAsync(
            async () => (await a.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = ReplicaTests.Pair("Хуш омадед.", "Welcome.") })).Id,
            id => id > 0,
            "a write after the database returned");
        await Eventually.ReturnsAsync(() => b.ExactTargetAsync("news", "Хуш омадед."), t => t == "Welcome.", "the write on B");
    }

    [SkippableFact]
    public async Task No_acknowledged_write_is_lost_when_the_database_restarts_in_the_middle()
    {
        var (a, b) = (_a!, _b!);
        var acknowledged = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                try
                {
                    await a.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = ReplicaTests.Pair($"Ҷумлаи {i}.", $"Sentence {i}.") });
                    acknowledged.Enqueue(i);
                }
                catch (RpcException)
                {
                    // Refused while the database restarts: not acknowledged, so nothing is promised for it.
                }
            }
        });

        // Restart once some writes are in, while the writer goes on.
        await Eventually.ReturnsAsync(() => Task.FromResult(acknowledged.Count), n => n >= 50, "the first writes");
        await Control("restart");
        await writer;

        Assert.True(acknowledged.Count >= 50);
        foreach (var i in acknowledged)
        {
            var target = await Eventually.ReturnsAsync(() => b.ExactTargetAsync("news", $"Ҷумлаи {i}."), t => t is not null, $"unit {i} on B");
            Assert.Equal($"Sentence {i}.", target);
        }
    }

    private static async Task Control(string action, bool mayFail = false)
    {
        var script = Environment.GetEnvironmentVariable("TARJUMA_TEST_POSTGRES_CTL");
        var directory = Environment.GetEnvironmentVariable("TARJUMA_TEST_POSTGRES_DIR");
        if (string.IsNullOrEmpty(script) || string.IsNullOrEmpty(directory))
        {
            if (mayFail)
            {
                return;
            }

            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("TARJUMA_TEST_POSTGRES_CTL and TARJUMA_TEST_POSTGRES_DIR are not set on CI (.ci/run sets them).");
            }

            Skip.If(true, "set TARJUMA_TEST_POSTGRES_CTL (e.g. .ci/postgres) and TARJUMA_TEST_POSTGRES_DIR to a cluster these tests may stop and start.");
        }

        using var process = Process.Start(new ProcessStartInfo(script, [action, directory]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !mayFail)
        {
            throw new InvalidOperationException($"{script} {action} failed ({process.ExitCode}): {await error}");
        }
    }
}
