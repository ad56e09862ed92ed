namespace Tarjuma.Cli.Tests;

/// <summary>A de-DE → en-GB file in the shape of LISA's ImportTest1K (our own sentences): the second unit lacks de-DE.</summary>
internal static class MultilingualTmx
{
    public const string Text =
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"de-de\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" "
            + "creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n"
        + "<tu><tuv xml:lang=\"de-de\"><seg>Eins.</seg></tuv><tuv xml:lang=\"en-gb\"><seg>One.</seg></tuv><tuv xml:lang=\"fr-fr\"><seg>Un.</seg></tuv></tu>\n"
        + "<tu><tuv xml:lang=\"en-gb\"><seg>Two.</seg></tuv><tuv xml:lang=\"fr-fr\"><seg>Deux.</seg></tuv></tu>\n</body></tmx>";

    /// <summary>Imports <see cref="Text"/> into a new de-DE → en-GB memory through <paramref name="backend"/> (<c>--db PATH</c> or <c>--server URL</c>) and
    /// checks the summary.</summary>
    public static async Task ImportAndCheckSummaryAsync(TempFolder temp, params string[] backend)
    {
        var file = temp.File("multilingual.tmx");
        await File.WriteAllTextAsync(file, Text);

        var import = await CliRun.RunAsync(["import", .. backend, "--memory", "trains", "--source-lang", "de-DE", "--target-lang", "en-GB", file]);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("read 2, added 1, updated 0, rejected 0, skipped 1 (", import.Error, StringComparison.Ordinal);
        Assert.Contains("\n  skipped 1 unit without de-DE\n", import.Error, StringComparison.Ordinal);
    }
}
