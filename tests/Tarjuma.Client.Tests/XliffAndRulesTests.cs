using System.Text;
using System.Xml.Linq;
using Google.Protobuf;
using Tarjuma.Protos.V1;
using Tarjuma.Tests;

namespace Tarjuma.Client.Tests;

/// <summary>XLIFF pre-translation and analysis, and segmentation by a memory's rules and abbreviations.</summary>
public sealed class XliffAndRulesTests : IAsyncLifetime, IDisposable
{
    private static readonly XNamespace X20 = "urn:oasis:names:tc:xliff:document:2.0";

    private readonly ClientApplication _app = new();
    private readonly TarjumaClient _client;

    public XliffAndRulesTests() => _client = _app.CreateTarjumaClient(new TarjumaClientOptions { ImportChunkSize = 1024 });

    public async Task InitializeAsync()
    {
        await _client.CreateMemoryAsync("news", "tg", "en");
        await _client.AddUnitsAsync("news", [
            TarjumaClient.NewUnit(Fixtures.Book, Fixtures.BookEn),
            TarjumaClient.NewUnit(Fixtures.Weather, Fixtures.WeatherEn),
        ]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    /// <summary>An XLIFF 2.0 file with the given units, padded past one 1 KiB chunk so it is sent in several.</summary>
    private static byte[] Xliff(string units) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="tg" trgLang="en">
          <!-- {new string('x', 1500)} -->
          <file id="f1">
        {units}
          </file>
        </xliff>
        """);

    [Fact]
    public async Task An_xliff_file_streams_in_and_comes_back_filled_with_a_summary()
    {
        var input = Xliff($"""
                <unit id="u1"><segment id="s1"><source>{Fixtures.Book}</source></segment></unit>
                <unit id="u2"><segment id="s1"><source>Ин ҷумла дар хотира нест.</source></segment></unit>
            """);
        var output = new MemoryStream();
        var progress = new List<long>();

        var summary = await _client.PretranslateXliffAsync(new XliffPretranslateOptions("news"), new MemoryStream(input), output, new Recorder(progress));

        var document = XDocument.Parse(Encoding.UTF8.GetString(output.ToArray()));
        var targets = document.Descendants(X20 + "segment").Select(s => s.Element(X20 + "target")?.Value).ToList();
        Assert.Equal([Fixtures.BookEn, null], targets);
        Assert.Equal("2.0", summary.Version);
        Assert.Equal(2, summary.Segments);
        Assert.Equal(1, summary.FilledSegments);
        Assert.Equal(1, summary.Filled.Single(b => b.Name == "100").Segments);
        Assert.Equal(1, summary.Best.Single(b => b.Name == "no-match").Segments);
        // 1 KiB chunks: one report per chunk, ending at the file's length.
        Assert.Equal((input.Length + 1023) / 1024, progress.Count);
        Assert.Equal(input.Length, progress[^1]);
    }

    [Fact]
    public async Task A_malformed_xliff_file_names_the_file_line_and_column_and_writes_nothing()
    {
        var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<TarjumaInvalidArgumentException>(() => _client.PretranslateXliffAsync(
            new XliffPretranslateOptions("news"), new MemoryStream(Xliff("""<unit id="u1"><segment><source>Як.</segment></unit>""")), output));

        Assert.Equal("file", error.Field);
        Assert.NotNull(error.Line);
        Assert.NotNull(error.Column);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Xliff_options_are_sent_and_a_bad_one_is_named()
    {
        var error = await Assert.ThrowsAsync<TarjumaInvalidArgumentException>(() => _client.PretranslateXliffAsync(
            new XliffPretranslateOptions("news") { FillMinScore = 500 }, new MemoryStream(Xliff(string.Empty)), new MemoryStream()));

        Assert.Equal("fill_min_score", error.Field);
        await Assert.ThrowsAsync<TarjumaNotFoundException>(() => _client.PretranslateXliffAsync(
            new XliffPretranslateOptions("absent"), new MemoryStream(Xliff(string.Empty)), new MemoryStream()));
    }

    [Fact]
    public async Task Analysis_reads_the_segments_of_an_xliff_file()
    {
        var input = Xliff($"""
                <unit id="u1"><segment><source>{Fixtures.Weather}</source></segment><segment><source>Ин ҷумла дар хотира нест.</source></segment></unit>
                <unit id="u2" translate="no"><segment><source>Ин ҷумла тарҷума намешавад.</source></segment></unit>
            """);

        var analysis = await _client.AnalyzeAsync(new DocumentRequest { Memory = "news", Xliff = ByteString.CopyFrom(input) });

        Assert.Equal(2, analysis.Total.Segments);
        Assert.Equal(1, analysis.Bands.Single(b => b.Name == "100").Segments);
        Assert.Equal(1, analysis.Bands.Single(b => b.Name == "no-match").Segments);
    }

    [Fact]
    public async Task An_added_abbreviation_keeps_a_memorys_sentence_whole_until_it_is_removed()
    {
        const string example = AbbreviationText.Example;

        var added = await _client.EditAbbreviationsAsync("news", add: ["Мас."], remove: []);
        var whole = await _client.SegmentForMemoryAsync(example, "news");
        var listed = await _client.GetAbbreviationsAsync("news");
        var rules = await _client.ListRulesAsync(new ListRulesRequest { Memory = "news" });
        var removed = await _client.EditAbbreviationsAsync("news", add: [], remove: ["мас"]);
        var cut = await _client.SegmentForMemoryAsync(example, "news");

        Assert.Equal(["мас"], added.Added);
        Assert.Equal([example], whole.Select(s => s.Text));
        Assert.Equal(2, (await _client.SegmentAsync(example, "tg")).Count);
        Assert.Contains("мас", listed.Effective);
        Assert.Contains(rules.RuleSets, r => r.Name == "memory news");
        Assert.Equal(["мас"], rules.MemoryAbbreviations.Added);
        Assert.Equal(["мас"], removed.Removed);
        Assert.Empty(removed.Effective);
        Assert.Equal(2, cut.Count);
    }

    [Fact]
    public async Task Memory_rules_of_a_missing_memory_are_not_found_and_an_empty_edit_names_its_field()
    {
        await Assert.ThrowsAsync<TarjumaNotFoundException>(() => _client.GetAbbreviationsAsync("absent"));
        await Assert.ThrowsAsync<TarjumaNotFoundException>(() => _client.SegmentForMemoryAsync(Fixtures.Book, "absent"));
        var error = await Assert.ThrowsAsync<TarjumaInvalidArgumentException>(() => _client.EditAbbreviationsAsync("news", add: [], remove: []));
        Assert.Equal("add", error.Field);
    }

    [Fact]
    public async Task Reading_rules_is_retried_but_editing_abbreviations_and_pretranslating_xliff_are_not()
    {
        var flaky = new FlakyHandler(failures: 1);
        var client = _app.CreateTarjumaClient(new TarjumaClientOptions
        {
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(50)
        }, wrap: flaky);

        Assert.Equal("news", (await client.GetAbbreviationsAsync("news")).Memory);
        Assert.Equal(2, flaky.Attempts("/tarjuma.v1.SegmentationService/ListRules"));
        await Assert.ThrowsAsync<TarjumaUnavailableException>(() => client.EditAbbreviationsAsync("news", add: ["мас"], remove: []));
        Assert.Equal(1, flaky.Attempts("/tarjuma.v1.SegmentationService/EditAbbreviations"));
        await Assert.ThrowsAsync<TarjumaUnavailableException>(() => client.PretranslateXliffAsync(
            new XliffPretranslateOptions("news"), new MemoryStream(Xliff(string.Empty)), new MemoryStream()));
        Assert.Equal(1, flaky.Attempts("/tarjuma.v1.DocumentService/PretranslateXliff"));
        Assert.Empty((await _client.GetAbbreviationsAsync("news")).Added);
    }

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class Recorder(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }
}
