using Tarjuma.Protos.V1;

namespace Tarjuma.Client.Tests;

public sealed class LookupAndDocumentTests : IAsyncLifetime, IDisposable
{
    private readonly ClientApplication _app = new();
    private readonly TarjumaClient _client;

    public LookupAndDocumentTests() => _client = _app.CreateTarjumaClient();

    public async Task InitializeAsync()
    {
        await _client.CreateMemoryAsync("news", "tg", "en");
        await _client.AddUnitsAsync("news", [
            TarjumaClient.NewUnit(Fixtures.Book, Fixtures.BookEn),
            TarjumaClient.NewUnit(Fixtures.Weather, Fixtures.WeatherEn),
            TarjumaClient.NewUnit(Fixtures.Garden, Fixtures.GardenEn),
        ]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_stored_segment_is_an_exact_match_and_a_near_one_a_fuzzy_match()
    {
        var exact = Assert.Single(await _client.LookupAsync("news", Fixtures.Weather));
        Assert.Equal(100, exact.Score);
        Assert.Equal(Fixtures.WeatherEn, exact.Suggestion.Text);

        // Typed with Russian letters (х for ҳ, у for ӯ): a close match, not an exact one.
        var response = await _client.LookupAsync(new LookupRequest { Memory = "news", Text = "Имруз хаво гарм аст.", MinScore = 50 });
        var fuzzy = Assert.Single(response.Matches);
        Assert.InRange(fuzzy.Score, 50, 99);
    }

    [Fact]
    public async Task A_document_lookup_yields_one_response_per_segment_in_order()
    {
        var requests = new[] { Fixtures.Garden, "Сатре, ки дар хотира нест.", Fixtures.Book }
            .Select((text, i) => new LookupRequest { Memory = "news", Text = text, Id = "s" + i });

        var responses = new List<LookupResponse>();
        await foreach (var response in _client.LookupDocumentAsync(requests))
        {
            responses.Add(response);
        }

        Assert.Equal(["s0", "s1", "s2"], responses.Select(r => r.Id));
        Assert.Equal(Fixtures.GardenEn, responses[0].Matches[0].Unit.Target.Text);
        Assert.Empty(responses[1].Matches);
        Assert.Equal(Fixtures.BookEn, responses[2].Matches[0].Unit.Target.Text);
    }

    [Fact]
    public async Task A_refused_request_of_a_document_lookup_gets_an_error_and_the_stream_goes_on()
    {
        var requests = new[] { Fixtures.Book, string.Empty, Fixtures.Weather }
            .Select((text, i) => new LookupRequest { Memory = "news", Text = text, Id = "s" + i });

        var responses = new List<LookupResponse>();
        await foreach (var response in _client.LookupDocumentAsync(requests))
        {
            responses.Add(response);
        }

        Assert.Equal(["s0", "s1", "s2"], responses.Select(r => r.Id));
        Assert.Null(responses[0].Error);
        Assert.Equal((int)Grpc.Core.StatusCode.InvalidArgument, responses[1].Error.Code);
        Assert.Equal("text", responses[1].Error.Field);
        Assert.Empty(responses[1].Matches);
        Assert.Equal(Fixtures.WeatherEn, responses[2].Matches[0].Unit.Target.Text);
    }

    [Fact]
    public async Task Concordance_pages_carry_the_servers_token_and_no_invented_total()
    {
        var request = new ConcordanceRequest { Memory = "news", Query = "аст", PageSize = 1 };
        var first = await _client.ConcordanceAsync(request);
        var hit = Assert.Single(first.Items);
        Assert.NotEmpty(hit.SourceRanges);
        Assert.NotNull(first.NextPageToken);

        request.PageToken = first.NextPageToken;
        var second = await _client.ConcordanceAsync(request);
        Assert.Single(second.Items);
        Assert.True(second.IsLast);
        Assert.NotEqual(hit.Unit.Id, second.Items[0].Unit.Id);
    }

    [Fact]
    public async Task Analysis_names_its_bands_and_pretranslation_suggests_targets()
    {
        var document = new DocumentRequest { Memory = "news", Text = Fixtures.Book + " " + Fixtures.Book + " Ин ҷумла нав аст ва дар хотира нест." };
        var analysis = await _client.AnalyzeAsync(document);
        Assert.Equal(["repetition", "101", "100", "95-99", "85-94", "75-84", "50-74", "no-match"], analysis.Bands.Select(b => b.Name));
        Assert.Equal(1, analysis.Bands.Single(b => b.Name == "100").Segments);
        Assert.Equal(1, analysis.Bands.Single(b => b.Name == "repetition").Segments);
        Assert.Equal(3, analysis.Total.Segments);

        var segments = await _client.PretranslateAsync(document);
        Assert.Equal(3, segments.Count);
        Assert.Equal(Fixtures.BookEn, segments[0].Match.Suggestion.Text);
        Assert.Null(segments[2].Match);
    }

    [Fact]
    public async Task Segmentation_splits_text_at_once_and_streamed_and_lists_its_rules()
    {
        var text = Fixtures.Book + " " + Fixtures.Weather;
        var segments = await _client.SegmentAsync(text, "tg");
        Assert.Equal([Fixtures.Book, Fixtures.Weather], segments.Select(s => s.Text));
        Assert.Equal(Fixtures.Book.Length + 1, segments[1].Start);

        var streamed = new List<string>();
        await foreach (var segment in _client.SegmentDocumentAsync([new SegmentRequest { Text = text, Language = "tg" },
            new SegmentRequest { Text = Fixtures.Garden, Language = "tg" }]))
        {
            streamed.Add(segment.Text);
        }

        Assert.Equal([Fixtures.Book, Fixtures.Weather, Fixtures.Garden], streamed);
        Assert.Contains(await _client.ListRulesAsync(), r => r.Srx.Contains("<srx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Streamed_segments_get_their_text_from_the_requests_across_pieces()
    {
        // The stream asks for offsets only (issue #12): each segment's text comes from the pieces the client sent,
        // here cut every 7 characters, so most segments span several pieces; paragraphs make several batches.
        var text = string.Join("\n\n", Enumerable.Range(0, 40).Select(i => $"{Fixtures.Book} {Fixtures.Weather}{(i % 2 == 0 ? " " : "\n")}{Fixtures.Garden}"));
        var whole = await _client.SegmentAsync(text, "tg");
        var pieces = Enumerable.Range(0, (text.Length + 6) / 7).Select(i => text.Substring(i * 7, Math.Min(7, text.Length - (i * 7))));

        var streamed = new List<TextSegment>();
        var requests = pieces.Select((piece, i) => new SegmentRequest { Text = piece, Language = i == 0 ? "tg" : "" });
        await foreach (var segment in _client.SegmentDocumentAsync(requests))
        {
            streamed.Add(segment);
        }

        Assert.Equal(120, whole.Count);
        Assert.Equal(whole.Select(s => (s.Start, s.Length, s.Text)), streamed.Select(s => (s.Start, s.Length, s.Text)));
    }

    [Fact]
    public async Task Alignment_pairs_sentences_and_can_store_them()
    {
        var request = new AlignRequest
        {
            SourceText = Fixtures.Weather + " " + Fixtures.Garden,
            TargetText = Fixtures.WeatherEn + " " + Fixtures.GardenEn,
            SourceLanguage = "tg",
            TargetLanguage = "en",
        };
        var response = await _client.AlignAsync(request);
        Assert.Equal(2, response.Beads.Count);
        Assert.Equal([1], response.Beads[1].TargetIndices);

        await _client.CreateMemoryAsync("aligned", "tg", "en");
        request.Memory = "aligned";
        Assert.Equal(2, (await _client.AlignAsync(request)).Added);
    }
}
