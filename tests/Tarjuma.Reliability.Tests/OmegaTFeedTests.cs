using System.Diagnostics;
using System.Net;
using System.Text;
using Google.Protobuf;
using Tarjuma.Protos.V1;
using Xunit.Abstractions;

namespace Tarjuma.Reliability.Tests;

/// <summary>
/// A real CAT tool on the TMX feed: Debian's OmegaT (<c>apt-get install omegat</c>, 3.6) translates a project in
/// console mode (<c>--mode=console-translate</c>) with the memory from <c>GET /tmx/{memory}.tmx</c> of the real server
/// process in <c>tm/auto/</c>, whose exact matches OmegaT inserts as translations. OmegaT 3.6 predates the
/// <c>&lt;repository type="http"&gt;</c> mapping (OmegaT 4), so the test fetches the file as that mapping would: a GET,
/// then conditional GETs that answer 304 until the memory changes. Skips when OmegaT or Java is not installed.
/// </summary>
public sealed class OmegaTFeedTests(ITestOutputHelper output) : IDisposable
{
    private const string Memory = "feed";

    private static readonly string OmegaTJar = Environment.GetEnvironmentVariable("TARJUMA_OMEGAT_JAR") ?? "/usr/share/omegat/OmegaT.jar";

    /// <summary>OmegaT's start-up and one small project; generous for a loaded 2-core machine.</summary>
    private static readonly TimeSpan OmegaTTimeout = TimeSpan.FromMinutes(5);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task OmegaT_console_translate_fills_a_project_from_the_feed_and_follows_a_change_after_a_304()
    {
        if (!File.Exists(OmegaTJar) || !File.Exists("/usr/bin/java"))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"OmegaT ({OmegaTJar}) or /usr/bin/java is missing on CI: .ci/run installs omegat.");
            }

            Skip.If(true, $"OmegaT ({OmegaTJar}) or /usr/bin/java is missing: apt-get install omegat (or set TARJUMA_OMEGAT_JAR).");
        }
        await using var server = await ServerProcess.StartAsync(_temp.Database);
        await ImportAsync(server, Enumerable.Range(0, 20).Select(i => GeneratedTmx.Sentence(Memory, i)));
        var project = CreateProject([GeneratedTmx.Sentence(Memory, 3).Tajik, GeneratedTmx.Sentence(Memory, 17).Tajik, "Ин ҷумла дар хотира нест."]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}"), Timeout = TimeSpan.FromMinutes(2) };
        var feed = Path.Combine(project, "tm", "auto", "tarjuma-feed.tmx");

        var etag = await SyncAsync(http, feed, etag: null);
        Assert.NotNull(etag);
        var target = await TranslateAsync(project);
        Assert.Contains(GeneratedTmx.Sentence(Memory, 3).English, target, StringComparison.Ordinal);
        Assert.Contains(GeneratedTmx.Sentence(Memory, 17).English, target, StringComparison.Ordinal);
        Assert.Contains("Ин ҷумла дар хотира нест.", target, StringComparison.Ordinal);

        // Nothing changed: 304, the file stays. Then a translator adds the missing unit through another protocol.
        Assert.Null(await SyncAsync(http, feed, etag));
        using var add = await http.PostAsync("/tmserver/tg/en/unit/",
            new StringContent("""{"source": "Ин ҷумла дар хотира нест.", "target": "This sentence is not in the memory."}""", Encoding.UTF8,
                "application/json"));
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var next = await SyncAsync(http, feed, etag);
        Assert.NotNull(next);
        Assert.NotEqual(etag, next);
        Assert.Contains("This sentence is not in the memory.", await TranslateAsync(project), StringComparison.Ordinal);
    }

    /// <summary>What OmegaT's HTTP repository does on each sync: the new tag after writing the file, or null on 304.</summary>
    private static async Task<string?> SyncAsync(HttpClient http, string file, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tmx/{Memory}.tmx");
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag));
        }

        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return response.Headers.ETag!.ToString();
    }

    private static async Task ImportAsync(ServerProcess server, IEnumerable<(string Tajik, string English)> pairs)
    {
        using var call = new TmxService.TmxServiceClient(server.Channel).ImportTmx();
        await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = Memory, SourceLanguage = "tg", TargetLanguage = "en" });
        await call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(GeneratedTmx.Build(pairs, 20)) });
        await call.RequestStream.CompleteAsync();
        Assert.Equal(20, (await call).Read);
    }

    /// <summary>An OmegaT project (tg → en) whose one source file holds <paramref name="paragraphs"/>.</summary>
    private string CreateProject(IEnumerable<string> paragraphs)
    {
        var project = Path.Combine(_temp.Path, "project");
        foreach (var folder in new[] { "source", "target", "tm/auto", "omegat", "glossary", "dictionary" })
        {
            Directory.CreateDirectory(Path.Combine(project, folder));
        }

        File.WriteAllText(Path.Combine(project, "source", "doc.txt"), string.Join("\n\n", paragraphs) + "\n");
        File.WriteAllText(Path.Combine(project, "omegat.project"), """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <omegat>
                <project version="1.0">
                    <source_dir>__DEFAULT__</source_dir>
                    <source_dir_excludes/>
                    <target_dir>__DEFAULT__</target_dir>
                    <tm_dir>__DEFAULT__</tm_dir>
                    <glossary_dir>__DEFAULT__</glossary_dir>
                    <glossary_file>__DEFAULT__</glossary_file>
                    <dictionary_dir>__DEFAULT__</dictionary_dir>
                    <source_lang>tg</source_lang>
                    <target_lang>en</target_lang>
                    <source_tok>org.omegat.tokenizer.LuceneStandardTokenizer</source_tok>
                    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
                    <sentence_seg>true</sentence_seg>
                    <support_default_translations>true</support_default_translations>
                    <remove_tags>false</remove_tags>
                </project>
            </omegat>
            """);
        return project;
    }

    /// <summary>Runs OmegaT's console translation; the translated document.</summary>
    private async Task<string> TranslateAsync(string project)
    {
        var start = new ProcessStartInfo("/usr/bin/java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-Djava.awt.headless=true", "-jar", OmegaTJar, project, "--mode=console-translate", "--no-team", "--disable-project-locking",
            "--config-dir=" + Path.Combine(_temp.Path, "omegat-config"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("java did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(OmegaTTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"OmegaT did not finish within {OmegaTTimeout}: {await stdout}");
        }

        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        Assert.Equal(0, process.ExitCode);
        return await File.ReadAllTextAsync(Path.Combine(project, "target", "doc.txt"));
    }
}
