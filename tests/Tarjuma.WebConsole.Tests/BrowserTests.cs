using System.Globalization;

namespace Tarjuma.WebConsole.Tests;

/// <summary>One real server for the class; each test has its own memory, key and browser.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ConsoleServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ConsoleServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The console in headless Chromium against the real <c>tarjuma serve</c>.</summary>
public sealed class BrowserTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header srclang="tg" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="test" creationtoolversion="1"/>
        <body>
        <tu><tuv xml:lang="tg"><seg>Президент Раҳмон ба Душанбе омад.</seg></tuv><tuv xml:lang="en"><seg>President Rahmon came to Dushanbe.</seg></tuv></tu>
        <tu><tuv xml:lang="tg"><seg>Ҳаво имрӯз гарм аст.</seg></tuv><tuv xml:lang="en"><seg>The weather is hot today.</seg></tuv></tu>
        <tu><tuv xml:lang="tg"><seg></seg></tuv><tuv xml:lang="en"><seg>A unit with an empty source.</seg></tuv></tu>
        </body></tmx>
        """;

    private ConsoleServer Server => fixture.Server;

    /// <summary>Where the test run leaves its screenshots (test artefacts).</summary>
    private static string Artefacts => Path.Combine(AppContext.BaseDirectory, "artefacts");

    [SkippableFact]
    public async Task Imported_unit_is_found_edited_and_the_edit_is_seen_by_a_grpc_lookup()
    {
        using var browser = Browser.Start();
        var memory = NewMemoryName("import");
        var file = Path.Combine(Directory.CreateTempSubdirectory("tarjuma-tmx-").FullName, "client.tmx");
        await File.WriteAllTextAsync(file, Tmx);

        browser.SignIn(Server.ConsoleAddress, Server.AdminKey);
        browser.Click("a[href='tmx']");
        // Set with a change event: choosing a file by SendKeys does not blur the text fields as a click would.
        browser.Fill("#import-memory", memory);
        browser.Fill("#import-source", "tg");
        browser.Fill("#import-target", "en");
        browser.Find("#tmx-file").SendKeys(file);

        browser.Until(() => browser.Exists("td[data-count='added']"), "the import summary");
        Assert.Equal("2", browser.Text("td[data-count='added']"));
        Assert.Equal("1", browser.Text("td[data-count='rejected']"));
        Assert.Equal("6", browser.Text("table.rejected tbody td:first-child"));
        Assert.Equal("100%", browser.Text("section.import span.muted").Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "",
            StringComparison.Ordinal));

        browser.Click("a[href='units']");
        browser.Select("#memory", memory);
        // Typed as in Russian: folded search finds "Раҳмон" from "Рахмон".
        browser.Fill("#query", "Рахмон");
        browser.Click("#search");
        var mark = browser.Find("#hits td.source mark");
        Assert.Equal("Раҳмон", mark.Text);

        browser.Click("#hits button[data-open]");
        browser.Fill("#edit-target", "President Rahmon arrived in Dushanbe.");
        browser.Click("#save-unit");
        browser.Until(() => browser.Exists("#units-notice"), "the saved notice");

        var matches = await Server.Admin.LookupAsync(memory, "Президент Раҳмон ба Душанбе омад.");
        Assert.Equal("President Rahmon arrived in Dushanbe.", matches[0].Unit.Target.Text);
    }

    [SkippableFact]
    public async Task Analysis_chart_draws_one_bar_per_band_with_the_table_values()
    {
        using var browser = Browser.Start();
        var memory = await MemoryWithUnitsAsync("analysis");

        browser.SignIn(Server.ConsoleAddress, Server.AdminKey);
        browser.Click("a[href='analysis']");
        browser.Select("#memory", memory);
        browser.Fill("#document", "Ҳаво имрӯз гарм аст. Ҳаво имрӯз хунук аст. Китоб дар миз аст. Ҳаво имрӯз гарм аст.");
        browser.Click("#analyze");
        browser.Until(() => browser.FindAll("#bands-chart g.bar").Count == 8, "eight bars");

        var table = browser.FindAll("#bands tbody tr").ToDictionary(
            row => row.GetAttribute("data-band")!,
            row => long.Parse(row.FindElements(OpenQA.Selenium.By.CssSelector("td"))[1].Text.Replace(",", "", StringComparison.Ordinal),
                CultureInfo.InvariantCulture));
        var bars = browser.FindAll("#bands-chart g.bar").Select(bar => long.Parse(bar.GetAttribute("data-value")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(table.Values, bars);
        Assert.Equal(8, table["100"]);
        Assert.Equal(4, table["repetition"]);
        Assert.True(browser.FindAll("#bands-chart rect").Count(r => double.Parse(r.GetAttribute("height")!, CultureInfo.InvariantCulture) > 0) >= 2);

        var screenshot = Path.Combine(Artefacts, "analysis.png");
        browser.Driver.ExecuteScript("arguments[0].scrollIntoView({ block: 'center' });", browser.Find("#bands-chart"));
        browser.Screenshot(screenshot);
        Assert.True(new FileInfo(screenshot).Length > 1000);
        // TARJUMA_CONSOLE_SCREENSHOTS=folder refreshes the README's screenshot from this run.
        if (Environment.GetEnvironmentVariable("TARJUMA_CONSOLE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            File.Copy(screenshot, Path.Combine(folder, "analysis.png"), overwrite: true);
        }

        var csv = browser.Find("#download-csv").GetAttribute("href")!;
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(csv));
        Assert.StartsWith("band,segments,words,characters\r\nrepetition,1,4,", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_read_key_sees_no_edit_controls()
    {
        using var browser = Browser.Start();
        var memory = await MemoryWithUnitsAsync("read");
        var reader = await Server.Admin.CreateKeyAsync("reader", admin: false, [memory + ":read"]);

        browser.SignIn(Server.ConsoleAddress, reader.Secret);
        Assert.False(browser.Exists("a[href='keys']"));
        browser.Find($"#memories th[scope='row']");
        Assert.False(browser.Exists("button[data-delete]"));
        Assert.False(browser.Exists("#create-memory"));
        browser.Click("a[href='units']");
        browser.Select("#memory", memory);
        browser.Fill("#query", "Ҳаво");
        browser.Click("#search");
        browser.Click("#hits button[data-open]");
        browser.Find("#unit-detail");

        Assert.False(browser.Exists("#save-unit"));
        Assert.False(browser.Exists("#delete-unit"));
        Assert.False(browser.Exists("#edit-target"));
        browser.Click("a[href='tmx']");
        browser.Find("#import-read-only");
        Assert.False(browser.Exists("#tmx-file"));
    }

    [SkippableFact]
    public async Task A_revoked_key_is_signed_out_at_its_next_call()
    {
        using var browser = Browser.Start();
        var memory = await MemoryWithUnitsAsync("revoked");
        var key = await Server.Admin.CreateKeyAsync("soon revoked", admin: false, [memory + ":write"]);

        browser.SignIn(Server.ConsoleAddress, key.Secret);
        browser.Click("a[href='units']");
        browser.Select("#memory", memory);
        await Server.Admin.RevokeKeyAsync(key.Key.Id);
        browser.Fill("#query", "Ҳаво");
        browser.Click("#search");

        browser.Find("#signed-out-reason");
        Assert.True(browser.Exists("#api-key"));
        Assert.False(browser.Exists("#sign-out"));
    }

    [SkippableFact]
    public async Task Markup_stored_in_a_unit_is_shown_as_text_and_runs_nothing()
    {
        using var browser = Browser.Start();
        var memory = NewMemoryName("xss");
        await Server.Admin.CreateMemoryAsync(memory, "tg", "en");
        const string Script = "<script>window.__tarjumaPwned = 1</script> хавф";
        const string Image = "<img src=x onerror=\"window.__tarjumaPwned = 2\"> danger";
        await Server.Admin.AddUnitAsync(memory, Script, Image);

        browser.SignIn(Server.ConsoleAddress, Server.AdminKey);
        browser.Click("a[href='units']");
        browser.Select("#memory", memory);
        browser.Fill("#query", "хавф");
        browser.Click("#search");
        var source = browser.Find("#hits td.source");
        browser.Click("#hits button[data-open]");
        browser.Find("#unit-detail");

        Assert.Equal(Script, source.Text);
        Assert.Equal(Image, browser.Text("#hits td.target"));
        Assert.Empty(browser.FindAll("#hits img, #hits script, #unit-detail img"));
        Assert.Null(browser.Driver.ExecuteScript("return window.__tarjumaPwned === undefined ? null : window.__tarjumaPwned;"));
    }

    [SkippableFact]
    public void The_language_switch_turns_the_interface_tajik()
    {
        using var browser = Browser.Start();

        browser.SignIn(Server.ConsoleAddress, Server.AdminKey);
        browser.Select("#language", "tg");

        browser.Find("main[lang='tg']");
        Assert.Equal("Хотираҳо", browser.Text("h1"));
        Assert.Equal("Баромадан", browser.Text("#sign-out"));
    }

    private static string NewMemoryName(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..24];

    private async Task<string> MemoryWithUnitsAsync(string purpose)
    {
        var memory = NewMemoryName(purpose);
        await Server.Admin.CreateMemoryAsync(memory, "tg", "en");
        await Server.Admin.AddUnitAsync(memory, "Ҳаво имрӯз гарм аст.", "The weather is hot today.");
        await Server.Admin.AddUnitAsync(memory, "Китоб дар миз аст.", "The book is on the table.");
        return memory;
    }
}
