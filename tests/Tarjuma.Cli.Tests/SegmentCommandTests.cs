using System.Text.Json;

using Tarjuma.CommandLine;

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

    [Theory]
    [InlineData("tg", "segment", "--lang", "tg")]
    [InlineData("en", "segment", "--line-breaks", "EveryLine", "--lang=en")]
    [InlineData("tg-TJ", "segment", "--json", "--lang:tg-TJ")]
    [InlineData(null, "segment", "--lang", "tg", "--srx", "rules.srx")]
    [InlineData(null, "segment", "--memory", "m", "--lang", "tg")]
    [InlineData(null, "segment", "--lang", "tg", "--export-rules")]
    [InlineData(null, "segment", "--lang")]
    [InlineData(null, "segment", "--lang", "not a tag")]
    [InlineData(null, "import", "--lang", "tg")]
    [InlineData(null, "segment")]
    public void The_rules_are_built_ahead_only_for_segment_with_the_built_in_rules_and_a_language(string? expected, params string[] args)
    {
        Assert.Equal(expected, Commands.SegmentCommand.WarmUpLanguage(args)?.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Output_to_a_file_is_flushed_at_the_end_and_auto_flush_comes_back(bool outIsTerminal)
    {
        using var stream = new MemoryStream();
        await using var output = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
        using var error = new StringWriter();
        var console = new CliConsole(new StringReader("Якум. Дуюм.\n\nСеюм."), output, error, IsTerminal: false) { OutIsTerminal = outIsTerminal };

        var exit = await TarjumaCli.RunAsync(["segment", "--lang", "tg"], console);

        Assert.Equal(0, exit);
        Assert.True(output.AutoFlush);
        Assert.Equal("Якум.\nДуюм.\nСеюм.\n", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
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
    public async Task A_rule_that_cannot_decide_a_break_in_time_is_an_error_naming_it_and_no_output()
    {
        using var temp = new TempFolder();
        var srx = temp.File("hostile.srx");
        await File.WriteAllTextAsync(srx, """
            <srx version="2.0" xmlns="http://www.lisa.org/srx20">
              <header cascade="no"/>
              <body>
                <languagerules>
                  <languagerule languagerulename="Custom">
                    <rule break="no"><beforebreak>(?&lt;![b])x(a+)+\.</beforebreak><afterbreak>\s</afterbreak></rule>
                    <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
                  </languagerule>
                </languagerules>
                <maprules><languagemap languagepattern=".*" languagerulename="Custom"/></maprules>
              </body>
            </srx>
            """);
        var input = string.Concat(Enumerable.Repeat(new string('a', 40) + ". ", 50));

        var result = await CliRun.RunWithInputAsync(input, "segment", "--lang", "en", "--srx", srx);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith("tarjuma: srx: languagerule 'Custom', rule 1 (beforebreak '(?<![b])x(a+)+\\.'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_srx_file_is_an_error_on_stderr()
    {
        var result = await CliRun.RunWithInputAsync("Салом.", "segment", "--lang", "tg", "--srx", "/nonexistent/rules.srx");

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains("--srx", result.Error, StringComparison.Ordinal);
    }
}
