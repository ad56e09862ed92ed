using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Tests;

/// <summary>Issue #11 item 10: a mistyped --db never creates folders, and only writing commands create a file.</summary>
public sealed class DatabaseFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[]> ReadCommands() => new()
    {
        new[] { "memory", "list" },
        new[] { "memory", "show", "news" },
        new[] { "memory", "delete", "news", "--yes" },
        new[] { "lookup", "--memory", "news" },
        new[] { "concordance", "--memory", "news", "слово" },
        new[] { "keys", "list" },
        new[] { "export-all", "{temp}/exported" },
    };

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public async Task A_read_command_on_a_missing_database_fails_and_creates_nothing(string[] command)
    {
        command = [.. command.Select(a => a.Replace("{temp}", _temp.Path, StringComparison.Ordinal))];
        var inMissingFolder = _temp.File(Path.Combine("nowhere", "x.db"));
        var inExistingFolder = _temp.File("absent.db");

        var missingFolder = await CliRun.RunAsync([.. command, "--db", inMissingFolder]);
        var missingFile = await CliRun.RunAsync([.. command, "--db", inExistingFolder]);

        Assert.Equal(CliRunner.ExitFailure, missingFolder.ExitCode);
        Assert.Equal($"tarjuma: no database at {inMissingFolder} (check --db; 'tarjuma import' or 'tarjuma memory create' makes one).\n", missingFolder.Error);
        Assert.False(Directory.Exists(_temp.File("nowhere")));
        Assert.Equal(CliRunner.ExitFailure, missingFile.ExitCode);
        Assert.Contains($"no database at {inExistingFolder}", missingFile.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(inExistingFolder));
        Assert.False(Directory.Exists(_temp.File("exported")));
    }

    [Fact]
    public async Task A_writing_command_creates_the_file_but_never_a_missing_folder()
    {
        var inMissingFolder = _temp.File(Path.Combine("nowhere", "x.db"));

        var refused = await CliRun.RunAsync("memory", "create", "news", "--source-lang", "tg", "--target-lang", "en", "--db", inMissingFolder);
        var import = await CliRun.RunAsync("import", "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", "--db", inMissingFolder, Seeds.Tmx);
        var created = await CliRun.RunAsync("memory", "create", "news", "--source-lang", "tg", "--target-lang", "en", "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, refused.ExitCode);
        Assert.Contains($"the folder {_temp.File("nowhere")} does not exist", refused.Error, StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitFailure, import.ExitCode);
        Assert.False(Directory.Exists(_temp.File("nowhere")));
        Assert.Equal(0, created.ExitCode);
        Assert.True(File.Exists(_temp.Database));
    }

    [Fact]
    public async Task A_folder_given_as_database_is_named_in_the_error()
    {
        var result = await CliRun.RunAsync("memory", "create", "news", "--source-lang", "tg", "--target-lang", "en", "--db", _temp.Path);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains($"--db: {_temp.Path} is a folder", result.Error, StringComparison.Ordinal);
    }
}
