using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tarjuma.CommandLine;
using Tarjuma.Hosting;

namespace Tarjuma.Cli.Tests;

/// <summary>The same commands against a real server on a loopback port (<c>--server URL</c>).</summary>
public sealed class ServerModeTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private WebApplication? _server;
    private string _address = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tarjuma:Database"] = _temp.Database,
            ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddTarjumaHost();
        _server = builder.Build();
        _server.MapTarjumaHost();
        await _server.StartAsync();
        _address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task Abbreviations_are_edited_and_used_through_a_running_server()
    {
        await CliRun.RunAsync("memory", "create", "law", "--server", _address, "--source-lang", "tg", "--target-lang", "en");

        var added = await CliRun.RunAsync("abbreviations", "add", "--server", _address, "--memory", "law", "мас.");
        var shown = await CliRun.RunAsync("segment", "--server", _address, "--memory", "law", "--show-abbreviations");
        var whole = await CliRun.RunWithInputAsync(Tarjuma.Tests.AbbreviationText.Example, "segment", "--server", _address, "--memory", "law");
        var exported = await CliRun.RunAsync("segment", "--server", _address, "--memory", "law", "--export-rules");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("мас\tadded\n", shown.Out);
        Assert.Equal(Tarjuma.Tests.AbbreviationText.Example + "\n", whole.Out);
        Assert.Contains("memory law", exported.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_lookup_and_export_work_against_a_running_server()
    {
        var import = await CliRun.RunAsync("import", "--server", _address, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);
        var lookup = await CliRun.RunWithInputAsync(Seeds.EnglishSentence + "\n", "lookup", "--server", _address, "--memory", "seed", "--lang", "en", "--json");
        var exported = _temp.File("out.tmx");
        var export = await CliRun.RunAsync("export", "--server", _address, "--memory", "seed", exported);
        var list = await CliRun.RunAsync("memory", "list", "--server", _address);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains($"added {Seeds.UnitCount}", import.Error, StringComparison.Ordinal);
        Assert.Contains(Seeds.TajikSentence, lookup.Out, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("<tmx version=\"1.4\"", await File.ReadAllTextAsync(exported), StringComparison.Ordinal);
        Assert.StartsWith("seed\ttg\ten\t15\t", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_answers_every_line_when_the_server_refuses_one()
    {
        await CliRun.RunAsync("import", "--server", _address, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);
        var huge = string.Join(' ', Enumerable.Repeat("калима", 21_500));
        var input = string.Join('\n', Seeds.TajikSentence, huge, Seeds.TajikSentence) + "\n";

        var lookup = await CliRun.RunWithInputAsync(input, "lookup", "--server", _address, "--memory", "seed", "--json");

        var lines = lookup.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"score\":100", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(
            $"{{\"query\":\"{huge}\",\"matches\":[],\"error\":{{\"code\":\"InvalidArgument\",\"field\":\"text\",\"message\":\"text: 150499 characters",
                lines[1], StringComparison.Ordinal);
        Assert.Contains("\"score\":100", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("tarjuma: line 2: text: 150499 characters is over the limit", lookup.Error, StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitFailure, lookup.ExitCode);
    }

    [Fact]
    public async Task Skipped_units_reach_the_summary_through_the_server()
    {
        await MultilingualTmx.ImportAndCheckSummaryAsync(_temp, "--server", _address);
    }

    [Fact]
    public async Task Xliff_pretranslation_streams_through_the_server_and_a_refused_file_writes_nothing()
    {
        await CliRun.RunAsync("import", "--server", _address, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);
        var input = _temp.File("doc.xlf");
        await File.WriteAllTextAsync(input, """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="tg"><file id="f"><unit id="u">"""
            + $"""<segment><source>{Seeds.TajikSentence}</source></segment></unit></file></xliff>""");
        var broken = _temp.File("broken.xlf");
        await File.WriteAllTextAsync(broken, """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f"><unit id="u">""");

        var done = await CliRun.RunAsync("pretranslate", "--server", _address, "--memory", "seed", input, _temp.File("out.xlf"));
        var refused = await CliRun.RunAsync("pretranslate", "--server", _address, "--memory", "seed", broken, _temp.File("nothing.xlf"));

        Assert.Equal(0, done.ExitCode);
        Assert.Contains("1 of 1 segments filled", done.Error, StringComparison.Ordinal);
        Assert.Contains($">{Seeds.EnglishSentence}</target>", await File.ReadAllTextAsync(_temp.File("out.xlf")), StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitFailure, refused.ExitCode);
        Assert.Contains("line 1, column", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("nothing.xlf")));
    }

    [Fact]
    public async Task Keys_are_managed_through_the_server_with_an_administrator_key()
    {
        // Loopback and no keys yet: the open developer server lets the first administrator key be made.
        var first = await CliRun.RunAsync("keys", "create", "--name", "first", "--admin", "--server", _address);
        Assert.Equal(0, first.ExitCode);
        var secret = first.Out.Trim();

        // From then on every call needs a key.
        var anonymous = await CliRun.RunAsync("keys", "list", "--server", _address);
        Assert.Equal(CliRunner.ExitFailure, anonymous.ExitCode);
        Assert.Contains("Unauthenticated", anonymous.Error, StringComparison.Ordinal);
        Assert.Contains("TARJUMA_API_KEY", anonymous.Error, StringComparison.Ordinal);

        // What TARJUMA_API_KEY does for the commands (set here without touching the process environment).
        await using (var admin = CommandLine.Backends.RemoteBackend.Connect(_address, secret))
        {
            var created = await admin.CreateKeyAsync("translator", false, ["news:write"], CancellationToken.None);
            var listed = await admin.ListKeysAsync(CancellationToken.None);
            Assert.Equal(["first", "translator"], listed.Select(k => k.Name));
            Assert.Equal("news:write", Assert.Single(listed[1].Grants).ToString());
            Assert.NotNull((await admin.RevokeKeyAsync(created.Key.Id, CancellationToken.None)).RevokedAt);
        }

        // The same keys, read from the database file beside the running server.
        var local = await CliRun.RunAsync("keys", "list", "--db", _temp.Database);
        Assert.Contains("\tfirst\tadmin\t", local.Out, StringComparison.Ordinal);
        Assert.Contains("\ttranslator\tnews:write\t", local.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, local.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concordance_through_the_server_reports_a_total_only_when_it_reached_the_last_page()
    {
        Assert.Equal(0, (await CliRun.RunAsync("import", "--server", _address, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en",
            Seeds.Tmx)).ExitCode);
        await using var remote = CommandLine.Backends.RemoteBackend.Connect(_address, apiKey: null);

        var (all, total) = await remote.ConcordanceAsync("seed", "ва", CommandLine.Backends.ConcordanceSide.Source, 0, 200, CancellationToken.None);
        Assert.True(all.Count > 3, "the seed memory should have several units with 'ва'");
        Assert.Equal(all.Count, total);

        // More hits than asked for: the server counts no total, so none is invented.
        var (first, unknown) = await remote.ConcordanceAsync("seed", "ва", CommandLine.Backends.ConcordanceSide.Source, 0, 2, CancellationToken.None);
        Assert.Equal(2, first.Count);
        Assert.Null(unknown);

        // Skipping walks the server's own page tokens.
        var (skipped, _) = await remote.ConcordanceAsync("seed", "ва", CommandLine.Backends.ConcordanceSide.Source, 2, 2, CancellationToken.None);
        Assert.Equal(all.Skip(2).Take(2).Select(h => h.Unit.Id), skipped.Select(h => h.Unit.Id));
    }

    [Fact]
    public async Task Analysis_through_the_server_equals_the_local_one_band_by_band()
    {
        Assert.Equal(0, (await CliRun.RunAsync("import", "--server", _address, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en",
            Seeds.Tmx)).ExitCode);
        var document = _temp.File("document.txt");
        await File.WriteAllTextAsync(document, Seeds.TajikSentence + " " + Seeds.TajikSentence + " Ин ҷумлаи нав аст.");

        var remote = await CliRun.RunAsync("analyze", "--server", _address, "--memory", "seed", document);
        var local = await CliRun.RunAsync("analyze", "--db", _temp.Database, "--memory", "seed", document);

        Assert.Equal(0, remote.ExitCode);
        Assert.Equal(0, local.ExitCode);
        Assert.NotEmpty(remote.Out);
        Assert.Equal(local.Out, remote.Out);
    }

    [Fact]
    public async Task Server_errors_are_reported_on_stderr()
    {
        var result = await CliRun.RunAsync("memory", "show", "nowhere", "--server", _address);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains("NotFound", result.Error, StringComparison.Ordinal);
    }
}
