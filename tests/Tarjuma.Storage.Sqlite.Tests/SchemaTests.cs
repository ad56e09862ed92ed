using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Sqlite.Schema;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>
/// The on-disk schema is frozen per version: a change that would stop old databases from opening
/// (or make them differ from new ones) fails here. To change the schema, add a migration script.
/// </summary>
public sealed class SchemaTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    private static string Frozen(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Frozen", name)).ReplaceLineEndings("\n");

    /// <summary>Every version this code writes: each needs its frozen copy in <c>Frozen/</c>.</summary>
    public static TheoryData<int> Versions => [.. Enumerable.Range(1, SchemaMigrations.CurrentVersion)];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Each_version_script_is_the_frozen_one(int version)
    {
        Assert.Equal(Frozen($"schema-v{version}.sql"), SchemaMigrations.Script(version).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Version_1_database_migrates_to_the_current_version_keeping_its_data()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database.DatabasePath)!);
        using (var connection = new SqliteConnection($"Data Source={_database.DatabasePath};Pooling=False"))
        {
            connection.Open();
            Execute(connection, Frozen("schema-v1.sql") + "\n" + Frozen("v1-data.sql"));
        }

        using var store = SqliteMemoryStore.Open(_database.Options);
        using (var connection = store.OpenConnection())
        {
            Assert.Equal(SchemaMigrations.CurrentVersion, SchemaMigrations.ReadVersion(connection));
        }

        Assert.Equal(FrozenSample.Unit with { Id = 7 }, await store.FindUnitAsync("tg-en", 7));
        // Exact lookups and the duplicate probe go through the hash indexes version 5 rebuilt.
        Assert.Equal(7, Assert.Single(await store.FindExactAsync("tg-en", MemorySide.Source, FrozenSample.Unit.Source.Text)).Id);
        Assert.Equal(7, Assert.Single(await store.FindExactAsync("tg-en", MemorySide.Target, FrozenSample.Unit.Target.Text)).Id);
        Assert.Empty((await store.GetAbbreviationsAsync("tg-en")).Effective);
        Assert.Equal(0, await store.GetLatestChangeAsync());
        await store.DeleteUnitAsync("tg-en", 8);
        Assert.Equal((ChangeKind.UnitDeleted, "tg-en", (long?)8), Assert.Single((await store.ReadChangesAsync(0, 10)).Changes) is var change ? (change.Kind,
            change.Memory, change.UnitId) : default);
        Assert.False(await store.AnyKeysAsync());
        var created = await store.CreateAsync(new Core.Security.NewApiKey("ci", IsAdmin: true, []));
        Assert.Equal(created.Key, await store.VerifyAsync(created.Secret));
        Assert.Equal(new UnitWriteResult(7, UnitWriteOutcome.Updated), Assert.Single(await store.AddUnitsAsync("tg-en", [FrozenSample.Unit with { Id = 0 }])));
    }

    [Fact]
    public void New_database_is_at_the_current_version()
    {
        using var store = SqliteMemoryStore.Open(_database.Options);
        using var connection = store.OpenConnection();

        Assert.Equal(SchemaMigrations.CurrentVersion, SchemaMigrations.ReadVersion(connection));
        Assert.Equal(5, SchemaMigrations.CurrentVersion);
    }

    [Fact]
    public void New_database_has_the_objects_the_frozen_script_creates()
    {
        var frozenPath = Path.Combine(_database.Folder, "frozen.db");
        Directory.CreateDirectory(_database.Folder);
        using (var frozen = new SqliteConnection($"Data Source={frozenPath};Pooling=False"))
        {
            frozen.Open();
            Execute(frozen, string.Join("\n", Enumerable.Range(1, SchemaMigrations.CurrentVersion).Select(v => Frozen($"schema-v{v}.sql"))));
        }

        using var store = SqliteMemoryStore.Open(_database.Options);
        using var connection = store.OpenConnection();

        Assert.Equal(SchemaObjects(frozenPath), SchemaObjects(_database.DatabasePath));
    }

    [Fact]
    public void Database_newer_than_the_code_is_refused_clearly()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database.DatabasePath)!);
        using (var connection = new SqliteConnection($"Data Source={_database.DatabasePath};Pooling=False"))
        {
            connection.Open();
            Execute(connection, Frozen("schema-v1.sql") + "\nPRAGMA user_version = 99;");
        }

        var error = Assert.Throws<TarjumaException>(() => SqliteMemoryStore.Open(_database.Options));

        Assert.Equal(ErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal("database", error.Field);
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_1_database_written_by_frozen_sql_reads_back()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database.DatabasePath)!);
        using (var connection = new SqliteConnection($"Data Source={_database.DatabasePath};Pooling=False"))
        {
            connection.Open();
            Execute(connection, Frozen("schema-v1.sql") + "\n" + Frozen("v1-data.sql"));
        }

        using var store = SqliteMemoryStore.Open(_database.Options);

        var memory = await store.FindMemoryAsync("tg-en");
        Assert.Equal(new MemoryInfo
        {
            Name = "tg-en",
            SourceLanguage = LanguageTag.Parse("tg", "s"),
            TargetLanguage = LanguageTag.Parse("en", "t"),
            Description = "Ҳуҷҷатҳои ҳуқуқӣ",
            CreatedAt = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2022, 11, 30, 23, 59, 58, TimeSpan.Zero),
            UnitCount = 2,
        }, memory);
        Assert.Equal(FrozenSample.Unit with { Id = 7 }, await store.FindUnitAsync("tg-en", 7));
        Assert.Equal(
            new TranslationUnit
            {
                Id = 8,
                Source = SegmentText.Plain("Салом, дунё!"),
                Target = SegmentText.Plain("Hello, world!"),
                CreatedAt = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero)
            },
            await store.FindUnitAsync("tg-en", 8));

        // The stored hashes still find the text, and the same content is recognised as a duplicate.
        Assert.Equal(8, Assert.Single(await store.FindExactAsync("tg-en", MemorySide.Source, "Салом, дунё!")).Id);
        Assert.Equal(7, Assert.Single(await store.FindExactAsync("tg-en", MemorySide.Target, "Contract \"A\" was signed.")).Id);
        var results = await store.AddUnitsAsync("tg-en", [FrozenSample.Unit, new TranslationUnit { Source = SegmentText.Plain("Салом, дунё!"),
            Target = SegmentText.Plain("Hello, world!") }]);
        Assert.Equal([new UnitWriteResult(7, UnitWriteOutcome.Updated), new UnitWriteResult(8, UnitWriteOutcome.Updated)], results);
    }

    [Fact]
    public async Task New_store_writes_a_unit_exactly_as_version_1_did()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database.DatabasePath)!);
        var frozenPath = Path.Combine(_database.Folder, "frozen.db");
        using (var connection = new SqliteConnection($"Data Source={frozenPath};Pooling=False"))
        {
            connection.Open();
            Execute(connection, Frozen("schema-v1.sql") + "\n" + Frozen("v1-data.sql"));
        }

        using (var store = SqliteMemoryStore.Open(_database.Options))
        {
            await store.CreateMemoryAsync(new NewMemory("tg-en", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
            await store.AddUnitsAsync("tg-en", [FrozenSample.Unit]);
        }

        Assert.Equal(UnitRowValues(frozenPath, "id = 7"), UnitRowValues(_database.DatabasePath, "1 = 1"));
    }

    private static List<string> UnitRowValues(string path, string where)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", FrozenSample.Columns.Select(c => $"'{c} = ' || quote({c})"))} FROM units WHERE {where};";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
    }

    private static List<(string Type, string Name, string Sql)> SchemaObjects(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name;";
        using var reader = command.ExecuteReader();
        var objects = new List<(string, string, string)>();
        while (reader.Read())
        {
            objects.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return objects;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
