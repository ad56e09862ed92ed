using Tarjuma.Cli;
using Tarjuma.CommandLine;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Sqlite;
using Tarjuma.Storage.Sqlite.Tests;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary><c>tarjuma migrate</c> both ways: SQLite → PostgreSQL → SQLite keeps every memory, unit, abbreviation and key.</summary>
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tarjuma-migrate-tests", Guid.NewGuid().ToString("N"));
    private TestSchema? _schema;

    private string First => Path.Combine(_folder, "first.db");

    private string Back => Path.Combine(_folder, "back.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _schema = await TestSchema.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Sqlite_to_postgres_and_back_keeps_everything()
    {
        string secret;
        using (var store = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = First }))
        {
            await store.Memories.CreateMemoryAsync(new NewMemory("tg-en", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t"), "Ҳуҷҷатҳо"));
            await store.Memories.AddUnitsAsync("tg-en", [FrozenSample.Unit, Plain("Салом, дунё!", "Hello, world!"), Plain("Хуш омадед.", "Welcome.")]);
            await store.Memories.CreateMemoryAsync(new NewMemory("empty", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("ru", "t")));
            await store.Abbreviations.SaveLearnedAbbreviationsAsync("tg-en", [new LearnedAbbreviation("мас", 4.5, 12, 0, 0.9)], 3);
            await store.Abbreviations.EditAbbreviationsAsync("tg-en", ["Га."], ["ш"]);
            secret = (await store.Keys.CreateAsync(new NewApiKey("editor", false, [new KeyGrant("tg-en", MemoryAccess.Write)]))).Secret;
        }

        var there = await RunAsync("migrate", "--from", "sqlite:" + First, "--to", "postgres:" + _schema!.ConnectionString);
        var back = await RunAsync("migrate", "--from", "postgres:" + _schema.ConnectionString, "--to", "sqlite:" + Back);

        Assert.Equal(0, there.ExitCode);
        Assert.Contains("copied 2 memories, 3 units and 1 keys", there.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", there.Out, StringComparison.Ordinal);
        Assert.Equal(0, back.ExitCode);
        using var original = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = First });
        using var postgres = PostgresStore.Open(_schema.Options);
        using var returned = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = Back });
        foreach (var copy in new[] { postgres, returned })
        {
            Assert.Equal(
                (await original.Memories.ListMemoriesAsync()).Select(m => (m.Name, m.SourceLanguage, m.TargetLanguage, m.Description, m.UnitCount)),
                (await copy.Memories.ListMemoriesAsync()).Select(m => (m.Name, m.SourceLanguage, m.TargetLanguage, m.Description, m.UnitCount)));
            Assert.Equal(await UnitsAsync(original), await UnitsAsync(copy));
            var abbreviations = await copy.Abbreviations.GetAbbreviationsAsync("tg-en");
            Assert.Equal(["мас"], abbreviations.Learned.Select(a => a.Text));
            Assert.Equal(["га"], abbreviations.Added);
            Assert.Equal(["ш"], abbreviations.Removed);
            Assert.Equal(3, abbreviations.LearnedFromUnits);
            // The key's secret still works: its hash was copied, not a new key made.
            Assert.Equal("editor", (await copy.Keys.VerifyAsync(secret))?.Name);
        }
    }

    [SkippableFact]
    public async Task Unit_ids_survive_sqlite_to_postgres_and_back_and_new_ids_go_above_them()
    {
        using (var store = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = First }))
        {
            // Two memories whose ids interleave, with gaps where units were deleted.
            await store.Memories.CreateMemoryAsync(new NewMemory("tg-en", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
            await store.Memories.CreateMemoryAsync(new NewMemory("tg-ru", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("ru", "t")));
            var ids = new List<long>();
            for (var i = 0; i < 6; i++)
            {
                ids.Add((await store.Memories.AddUnitsAsync(i % 2 == 0 ? "tg-en" : "tg-ru", [Plain($"Ҷумлаи {i}.", $"Sentence {i}.")]))[0].Id);
            }

            await store.Memories.DeleteUnitAsync("tg-en", ids[2]);
            await store.Memories.DeleteUnitAsync("tg-ru", ids[3]);
        }

        var there = await RunAsync("migrate", "--from", "sqlite:" + First, "--to", "postgres:" + _schema!.ConnectionString);
        var back = await RunAsync("migrate", "--from", "postgres:" + _schema.ConnectionString, "--to", "sqlite:" + Back);

        Assert.Equal((0, 0), (there.ExitCode, back.ExitCode));
        using var original = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = First });
        using var postgres = PostgresStore.Open(_schema.Options);
        using var returned = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = Back });
        foreach (var memory in new[] { "tg-en", "tg-ru" })
        {
            var ids = await IdsAsync(original, memory);
            Assert.Equal(ids, await IdsAsync(postgres, memory));
            Assert.Equal(ids, await IdsAsync(returned, memory));
        }

        Assert.Equal([1L, 2L, 5L, 6L], (await IdsAsync(original, "tg-en")).Concat(await IdsAsync(original, "tg-ru")).Order());
        foreach (var copy in new[] { postgres, returned })
        {
            var next = await copy.Memories.AddUnitsAsync("tg-en", [Plain("Нав.", "New.")]);
            Assert.True(next[0].Id > 6, $"a unit added after the migration got id {next[0].Id}");
        }
    }

    [SkippableFact]
    public async Task A_non_empty_target_is_refused_and_left_as_it_was()
    {
        using (var store = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = First }))
        {
            await store.Memories.CreateMemoryAsync(new NewMemory("tg-en", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
        }

        using (var target = PostgresStore.Open(_schema!.Options))
        {
            await target.Memories.CreateMemoryAsync(new NewMemory("other", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
        }

        var refused = await RunAsync("migrate", "--from", "sqlite:" + First, "--to", "postgres:" + _schema.ConnectionString);
        var forced = await RunAsync("migrate", "--from", "sqlite:" + First, "--to", "postgres:" + _schema.ConnectionString, "--into-non-empty");

        Assert.Equal(CliRunner.ExitFailure, refused.ExitCode);
        Assert.Contains("not empty", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--into-non-empty", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        using var after = PostgresStore.Open(_schema.Options);
        Assert.Equal(["other", "tg-en"], (await after.Memories.ListMemoriesAsync()).Select(m => m.Name));
    }

    [SkippableFact]
    public async Task An_address_without_a_store_kind_names_the_option_and_the_forms()
    {
        TestPostgres.Require();

        var result = await RunAsync("migrate", "--from", First, "--to", "postgres:" + _schema!.ConnectionString);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains("--from", result.Error, StringComparison.Ordinal);
        Assert.Contains("sqlite:PATH or postgres:CONNECTION", result.Error, StringComparison.Ordinal);
    }

    private static async Task<List<TranslationUnit>> UnitsAsync(StorePorts store)
    {
        var units = new List<TranslationUnit>();
        await foreach (var unit in store.Memories.StreamUnitsAsync("tg-en"))
        {
            units.Add(unit with { Id = 0 });
        }

        return units;
    }

    private static async Task<List<long>> IdsAsync(StorePorts store, string memory)
    {
        var ids = new List<long>();
        await foreach (var unit in store.Memories.StreamUnitsAsync(memory))
        {
            ids.Add(unit.Id);
        }

        return ids;
    }

    private static TranslationUnit Plain(string source, string target) =>
        new() { Source = new SegmentText(source), Target = new SegmentText(target), CreatedAt = DateTimeOffset.UnixEpoch };

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await TarjumaCli.RunAsync(args, new CliConsole(new StringReader(string.Empty), output, error, IsTerminal: false));
        return (exit, output.ToString(), error.ToString());
    }
}
