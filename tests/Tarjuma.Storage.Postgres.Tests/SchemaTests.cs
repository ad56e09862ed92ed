using Tarjuma.Core.Model;
using Tarjuma.Storage.Postgres.Schema;
using Tarjuma.Storage.Sqlite.Tests;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL schema is frozen per version, like the SQLite file's: a change that would make old
/// databases differ from new ones fails here. To change the schema, add a migration script.
/// </summary>
public sealed class SchemaTests
{
    private static string Frozen(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Frozen", name)).ReplaceLineEndings("\n");

    [Fact]
    public void Version_1_script_is_the_frozen_one()
    {
        Assert.Equal(Frozen("schema-v1.sql"), SchemaMigrations.Script(1).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Version_2_script_is_the_frozen_one()
    {
        Assert.Equal(2, SchemaMigrations.CurrentVersion);
        Assert.Equal(Frozen("schema-v2.sql"), SchemaMigrations.Script(2).ReplaceLineEndings("\n"));
    }

    [SkippableFact]
    public async Task Rows_a_version_1_database_holds_read_back_as_the_same_units()
    {
        await using var schema = await TestSchema.CreateAsync();
        await schema.ExecuteAsync($"SET search_path TO {schema.Name}; {Frozen("schema-v1.sql")}\nCREATE TABLE tarjuma_schema (version integer NOT NULL); "
            + $"INSERT INTO tarjuma_schema VALUES (1);\n{Frozen("v1-data.sql").Replace("PRAGMA user_version = 1;", string.Empty, StringComparison.Ordinal)}");

        using var store = PostgresMemoryStore.Open(schema.Options);

        Assert.Equal(2, await schema.ScalarAsync($"SELECT version FROM {schema.Name}.tarjuma_schema;"));
        Assert.Equal(FrozenSample.Unit with { Id = 7 }, await store.FindUnitAsync("tg-en", 7));
        // The stored hashes are the ones this code computes: exact lookup finds the frozen row.
        Assert.Equal(7, Assert.Single(await store.FindExactAsync("tg-en", MemorySide.Source, FrozenSample.Unit.Source.Text)).Id);
    }

    [SkippableFact]
    public async Task A_database_with_a_newer_schema_is_refused_naming_both_versions()
    {
        await using var schema = await TestSchema.CreateAsync();
        PostgresMemoryStore.Open(schema.Options).Dispose();
        await schema.ExecuteAsync($"UPDATE {schema.Name}.tarjuma_schema SET version = 99;");

        var error = Assert.Throws<TarjumaException>(() => PostgresMemoryStore.Open(schema.Options));

        Assert.Equal(ErrorKind.FailedPrecondition, error.Kind);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_unreachable_server_is_unavailable_naming_where_not_the_password()
    {
        TestPostgres.Require();
        var options = new PostgresStoreOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Password=secret-pw;Database=tarjuma;Timeout=2" };

        var error = await Assert.ThrowsAsync<TarjumaException>(() => Task.Run(() => PostgresMemoryStore.Open(options)));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("Port=1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.Message, StringComparison.Ordinal);
    }
}
