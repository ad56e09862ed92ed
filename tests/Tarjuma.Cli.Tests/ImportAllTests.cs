using Microsoft.Data.Sqlite;
using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Tests;

/// <summary>
/// A whole-server move is resumable: a failure half-way leaves whole memories only, a re-run skips
/// those and imports the rest; a memory that differs, or one that can no longer be created, stops it
/// before any write. Memory languages are validated on every path that creates a memory.
/// </summary>
public sealed class ImportAllTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static void Tmx(string path, params (string Tajik, string English)[] pairs)
    {
        var body = string.Concat(pairs.Select(p =>
            $"<tu><tuv xml:lang=\"tg\"><seg>{p.Tajik}</seg></tuv><tuv xml:lang=\"en\"><seg>{p.English}</seg></tuv></tu>\n"));
        File.WriteAllText(path,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
                + $"datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"tg\" o-tmf=\"none\"/><body>\n{body}</body></tmx>\n");
    }

    private async Task<string> ExportThreeMemoriesAsync()
    {
        foreach (var (name, count) in new[] { ("a", 2), ("b", 3), ("c", 1) })
        {
            var file = _temp.File(name + ".in.tmx");
            Tmx(file, [.. Enumerable.Range(0, count).Select(i => ($"Ҷумлаи {i} аз {name}.", $"Sentence {i} of {name}."))]);
            Assert.Equal(0, (await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", name, "--source-lang", "tg", "--target-lang", "en",
                file)).ExitCode);
        }

        var folder = _temp.File("export");
        Assert.Equal(0, (await CliRun.RunAsync("export-all", "--db", _temp.Database, folder)).ExitCode);
        return folder;
    }

    [Fact]
    public async Task Import_all_that_fails_half_way_keeps_whole_memories_and_a_rerun_finishes_the_move()
    {
        var folder = await ExportThreeMemoriesAsync();
        var bFile = Path.Combine(folder, "b.tmx");
        var good = await File.ReadAllBytesAsync(bFile);
        await File.WriteAllBytesAsync(bFile, good[..(good.Length / 2)]);
        var target = _temp.File("new.db");

        var failed = await CliRun.RunAsync("import-all", folder, "--db", target);
        var afterFailure = await CliRun.RunAsync("memory", "list", "--db", target);
        await File.WriteAllBytesAsync(bFile, good);
        var rerun = await CliRun.RunAsync("import-all", folder, "--db", target);

        Assert.Equal(CliRunner.ExitFailure, failed.ExitCode);
        Assert.StartsWith("tarjuma: ", failed.Error.Split('\n').Last(line => line.Length > 0), StringComparison.Ordinal);
        Assert.Equal(["a\ttg\ten\t2"], afterFailure.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => string.Join('\t',
            line.Split('\t')[..4])));
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains("a: already imported (2 units), skipped", rerun.Error, StringComparison.Ordinal);
        Assert.Contains("b: 3 added", rerun.Error, StringComparison.Ordinal);
        Assert.Contains("c: 1 added", rerun.Error, StringComparison.Ordinal);
        Assert.Equal((await CliRun.RunAsync("memory", "list", "--db", _temp.Database)).Out, (await CliRun.RunAsync("memory", "list", "--db", target)).Out);
    }

    [Fact]
    public async Task Import_all_onto_a_memory_that_differs_writes_nothing()
    {
        var folder = await ExportThreeMemoriesAsync();
        var target = _temp.File("new.db");
        Assert.Equal(0, (await CliRun.RunAsync("memory", "create", "c", "--source-lang", "tg", "--target-lang", "en", "--db", target)).ExitCode);

        var refused = await CliRun.RunAsync("import-all", folder, "--db", target);

        Assert.Equal(CliRunner.ExitFailure, refused.ExitCode);
        Assert.Contains("memory 'c' already exists and differs from the export", refused.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", refused.Error, StringComparison.Ordinal);
        Assert.StartsWith("c\ttg\ten\t0\t", (await CliRun.RunAsync("memory", "list", "--db", target)).Out, StringComparison.Ordinal);
        Assert.Single((await CliRun.RunAsync("memory", "list", "--db", target)).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Memory_with_the_same_language_on_both_sides_is_exported_and_import_all_says_what_to_do()
    {
        Assert.Equal(0, (await CliRun.RunAsync("memory", "create", "ok", "--source-lang", "tg", "--target-lang", "en", "--db", _temp.Database)).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("memory", "create", "api", "--source-lang", "tg", "--target-lang", "en", "--db", _temp.Database)).ExitCode);
        using (var connection = new SqliteConnection($"Data Source={_temp.Database};Pooling=False"))
        {
            // What an older Tarjuma let `memory create` make.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE memories SET target_lang = 'tg' WHERE name = 'api';";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var folder = _temp.File("export");
        var export = await CliRun.RunAsync("export-all", "--db", _temp.Database, folder);
        var target = _temp.File("new.db");
        var import = await CliRun.RunAsync("import-all", folder, "--db", target);

        Assert.Equal(0, export.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "api.tmx")));
        Assert.Contains("\"targetLanguage\": \"tg\"", await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")), StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitFailure, import.ExitCode);
        Assert.Contains("memory 'api' cannot be imported", import.Error, StringComparison.Ordinal);
        Assert.Contains("same language", import.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", import.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await CliRun.RunAsync("memory", "list", "--db", target)).Out);
    }

    [Theory]
    [InlineData("tg-TJ-TJ", "en", "source_language: 'tg-TJ-TJ' is not a plain BCP 47 tag")]
    [InlineData("klingon-xx-yy-zz", "en", "source_language: 'klingon-XX-YY-ZZ' is not a plain BCP 47 tag")]
    [InlineData("tg", "tg", "target_language: 'tg' is the same language as the source 'tg'")]
    public async Task Memory_create_and_an_import_creating_a_memory_refuse_bad_languages(string source, string target, string message)
    {
        var file = _temp.File("in.tmx");
        Tmx(file, ("Салом.", "Hello."));

        var create = await CliRun.RunAsync("memory", "create", "m", "--source-lang", source, "--target-lang", target, "--db", _temp.Database);
        var import = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "m", "--source-lang", source, "--target-lang", target, file);

        Assert.Equal((CliRunner.ExitFailure, CliRunner.ExitFailure), (create.ExitCode, import.ExitCode));
        Assert.Contains("tarjuma: " + message, create.Error, StringComparison.Ordinal);
        Assert.Contains("tarjuma: " + message, import.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await CliRun.RunAsync("memory", "list", "--db", _temp.Database)).Out);
    }

    [Fact]
    public async Task Db_naming_a_tmx_file_or_a_folder_is_refused_with_exit_1()
    {
        var file = _temp.File("in.tmx");
        Tmx(file, ("Салом.", "Hello."));
        var before = await File.ReadAllBytesAsync(file);

        var onFile = await CliRun.RunAsync("memory", "list", "--db", file);
        var onFolder = await CliRun.RunAsync("memory", "list", "--db", _temp.Path);

        Assert.Equal(CliRunner.ExitFailure, onFile.ExitCode);
        Assert.Contains("is not a Tarjuma database", onFile.Error, StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitFailure, onFolder.ExitCode);
        Assert.Contains("is a folder, not a database file", onFolder.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }
}
