using Microsoft.Data.Sqlite;
using Tarjuma.CommandLine;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Tests;

public sealed class BackupCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Backup_then_restore_brings_back_the_memory()
    {
        await ImportSeedAsync(_temp.Database, "seed");
        var backup = _temp.File("backup.db");

        var made = await CliRun.RunAsync("backup", "--db", _temp.Database, backup);
        Assert.Equal(0, made.ExitCode);
        var restored = _temp.File("restored.db");
        var restore = await CliRun.RunAsync("restore", backup, "--db", restored);

        Assert.Equal(0, restore.ExitCode);
        var list = await CliRun.RunAsync("memory", "list", "--db", restored);
        Assert.StartsWith($"seed\ttg\ten\t{Seeds.UnitCount}\t", list.Out, StringComparison.Ordinal);
        Assert.Equal("ok", SqliteBackup.IntegrityCheck(restored));
    }

    [Fact]
    public async Task Restore_refuses_to_overwrite_without_force_and_replaces_with_it()
    {
        await ImportSeedAsync(_temp.Database, "seed");
        var backup = _temp.File("backup.db");
        Assert.Equal(0, (await CliRun.RunAsync("backup", "--db", _temp.Database, backup)).ExitCode);
        var other = _temp.File("other.db");
        Assert.Equal(0, (await CliRun.RunAsync("memory", "create", "other", "--source-lang", "tg", "--target-lang", "en", "--db", other)).ExitCode);

        var refused = await CliRun.RunAsync("restore", backup, "--db", other);
        var kept = await CliRun.RunAsync("memory", "list", "--db", other);
        var forced = await CliRun.RunAsync("restore", backup, "--db", other, "--force");
        var replaced = await CliRun.RunAsync("memory", "list", "--db", other);

        Assert.Equal(CliRunner.ExitFailure, refused.ExitCode);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.StartsWith("other\t", kept.Out, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("seed\t", replaced.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("other\t", replaced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_refuses_a_database_a_server_is_serving_and_a_second_server_cannot_open_it()
    {
        await ImportSeedAsync(_temp.Database, "seed");
        var backup = _temp.File("backup.db");
        Assert.Equal(0, (await CliRun.RunAsync("backup", "--db", _temp.Database, backup)).ExitCode);

        // What a server opens: the store holding the serving lock.
        using (SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _temp.Database, Serving = true }))
        {
            var refused = await CliRun.RunAsync("restore", backup, "--db", _temp.Database, "--force");
            Assert.Equal(CliRunner.ExitFailure, refused.ExitCode);
            Assert.Contains("in use by a running Tarjuma server", refused.Error, StringComparison.Ordinal);

            var second = Assert.Throws<TarjumaException>(() => SqliteMemoryStore.Open(new SqliteStoreOptions
            {
                DatabasePath = _temp.Database,
                Serving = true
            }));
            Assert.Equal(ErrorKind.FailedPrecondition, second.Kind);

            // The command line's own short uses still work beside a server.
            Assert.StartsWith("seed\t", (await CliRun.RunAsync("memory", "list", "--db", _temp.Database)).Out, StringComparison.Ordinal);
        }

        // Once the server is gone the restore goes ahead.
        Assert.Equal(0, (await CliRun.RunAsync("restore", backup, "--db", _temp.Database, "--force")).ExitCode);
    }

    [Fact]
    public async Task Restore_rejects_a_file_that_is_not_a_database_and_leaves_the_target_alone()
    {
        await ImportSeedAsync(_temp.Database, "seed");
        var garbage = _temp.File("garbage.db");
        await File.WriteAllTextAsync(garbage, "Ин файл пойгоҳи додаҳо нест. This is not a database.");

        var restore = await CliRun.RunAsync("restore", garbage, "--db", _temp.Database, "--force");

        Assert.Equal(CliRunner.ExitFailure, restore.ExitCode);
        var list = await CliRun.RunAsync("memory", "list", "--db", _temp.Database);
        Assert.StartsWith($"seed\ttg\ten\t{Seeds.UnitCount}\t", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_taken_while_writes_go_on_is_intact_and_holds_every_write_committed_before_it()
    {
        using var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _temp.Database });
        await store.CreateMemoryAsync(new NewMemory("live", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
        using var stop = new CancellationTokenSource();
        var committed = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = committed + 1;
                var unit = new TranslationUnit
                {
                    Source = SegmentText.Plain($"Ҷумлаи рақами {n}."),
                    Target = SegmentText.Plain($"Sentence number {n}."),
                };
                await store.AddUnitsAsync("live", [unit]);
                Interlocked.Exchange(ref committed, n);
            }
        });

        // Take the backup once writes are flowing (however slow the machine is).
        for (var waited = 0; Volatile.Read(ref committed) < 20 && waited < 10_000; waited += 10)
        {
            await Task.Delay(10);
        }

        var before = Volatile.Read(ref committed);
        var backup = _temp.File("live.db");
        SqliteBackup.Backup(_temp.Database, backup);
        await stop.CancelAsync();
        await writer;

        Assert.Equal("ok", SqliteBackup.IntegrityCheck(backup));
        using var copy = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = backup });
        var count = (await copy.FindMemoryAsync("live"))!.UnitCount;
        Assert.True(before > 0, "the writer made no progress");
        Assert.InRange(count, before, Volatile.Read(ref committed));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Export_all_then_import_all_recreates_every_memory_with_its_description()
    {
        await ImportSeedAsync(_temp.Database, "seed");
        Assert.Equal(0, (await CliRun.RunAsync("memory", "create", "empty", "--source-lang", "en", "--target-lang", "tg", "--description", "Холӣ", "--db",
            _temp.Database)).ExitCode);
        var folder = _temp.File("export");

        var export = await CliRun.RunAsync("export-all", "--db", _temp.Database, folder);
        var target = _temp.File("new.db");
        var import = await CliRun.RunAsync("import-all", folder, "--db", target);
        var again = await CliRun.RunAsync("import-all", folder, "--db", target);

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, import.ExitCode);
        var original = await CliRun.RunAsync("memory", "list", "--db", _temp.Database);
        var copy = await CliRun.RunAsync("memory", "list", "--db", target);
        Assert.Equal(original.Out, copy.Out);
        Assert.Contains("empty\ten\ttg\t0\tХолӣ", copy.Out, StringComparison.Ordinal);
        // A re-run finds every memory already imported identically: it skips them and changes nothing.
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("seed: already imported (15 units), skipped", again.Error, StringComparison.Ordinal);
        Assert.Equal(copy.Out, (await CliRun.RunAsync("memory", "list", "--db", target)).Out);
    }

    private static async Task ImportSeedAsync(string database, string memory)
    {
        var import = await CliRun.RunAsync("import", "--db", database, "--memory", memory, "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);
        Assert.Equal(0, import.ExitCode);
    }
}
