using Npgsql;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>TARJUMA_TEST_POSTGRES</c>, an Npgsql connection string
/// (.ci/run starts a throwaway cluster and sets it). Without it a test skips with that reason; on CI
/// (<c>CI=true</c>) it fails instead, so the suite cannot pass there without having run.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "TARJUMA_TEST_POSTGRES";

    /// <summary>The server's connection string; skips (or fails on CI) when none is configured.</summary>
    public static string Require()
    {
        var connection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{Variable} is not set on CI: .ci/run starts PostgreSQL and sets it.");
            }

            Skip.If(true, $"no PostgreSQL configured: set {Variable} to an Npgsql connection string (Host=...;Username=...;Database=...) to run this test.");
        }

        return connection!;
    }
}

/// <summary>A fresh schema on the test server, so each test owns its tables; dropped with everything in it.</summary>
internal sealed class TestSchema : IAsyncDisposable
{
    private readonly string _server;

    private TestSchema(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The server's connection string with this schema as the search path.</summary>
    public string ConnectionString { get; }

    public PostgresStoreOptions Options => new() { ConnectionString = ConnectionString };

    public static async Task<TestSchema> CreateAsync()
    {
        var server = TestPostgres.Require();
        var schema = new TestSchema(server, "t_" + Guid.NewGuid().ToString("N"));
        await schema.ExecuteAsync($"CREATE SCHEMA {schema.Name};");
        return schema;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {Name} CASCADE;");
    }
}
