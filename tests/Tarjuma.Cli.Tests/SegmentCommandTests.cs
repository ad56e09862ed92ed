using System.Text.Json;

namespace Tarjuma.Cli.Tests;

public sealed class SegmentCommandTests
{
    [Fact]
    public async Task Segments_are_written_one_per_line_with_inner_line_breaks_as_spaces()
    {
        var result = await CliRun.RunWithInputAsync("Акад. Ҷ. А. Раҳимов омад. Ӯ гуфт:\n«Салом!»\n\nХайр.", "segment", "--lang", "tg");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Акад. Ҷ. А. Раҳимов омад.\nӮ гуфт: «Салом!»\nХайр.\n", result.Out);
    }

    [Fact]
    public async Task Json_output_has_utf16_offsets_into_the_input()
    {
        const string Text = "Mr. Smith came at 5 p.m. on Monday. He left.";

        var result = await CliRun.RunWithInputAsync(Text, "segment", "--lang", "en", "--json");

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var start = json.RootElement.GetProperty("start").GetInt32();
            var length = json.RootElement.GetProperty("length").GetInt32();
            Assert.Equal(Text.Substring(start, length), json.RootElement.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Missing_srx_file_is_an_error_on_stderr()
    {
        var result = await CliRun.RunWithInputAsync("Салом.", "segment", "--lang", "tg", "--srx", "/nonexistent/rules.srx");

        Assert.Equal(TarjumaCli.ExitFailure, result.ExitCode);
        Assert.Contains("--srx", result.Error, StringComparison.Ordinal);
    }
}
