using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

public sealed class SegmentationServiceTests : IDisposable
{
    private const string TajikText =
        "Э. Раҳмон ба Хуҷанд рафт. Ӯ 30.04.2024 бо сокинон вохӯрд.\n\n" +
        "Нархи нон 2,5 сом аст. Оё ин гарон аст?";

    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    private SegmentationService.SegmentationServiceClient Client => new(_app.Channel);

    [Fact]
    public async Task Tajik_text_is_cut_into_sentences_with_utf16_offsets()
    {
        var response = await Client.SegmentAsync(new SegmentRequest { Text = TajikText, Language = "tg" });

        Assert.Equal(
            ["Э. Раҳмон ба Хуҷанд рафт.", "Ӯ 30.04.2024 бо сокинон вохӯрд.", "Нархи нон 2,5 сом аст.", "Оё ин гарон аст?"],
            response.Segments.Select(s => s.Text));
        Assert.All(response.Segments, s => Assert.Equal(s.Text, TajikText.Substring(s.Start, s.Length)));
    }

    [Fact]
    public async Task Streamed_segments_reach_the_client_at_each_paragraph_break_before_the_stream_ends()
    {
        // The server buffers a batch of segments and flushes after its last (issue #12): the batch
        // must still arrive while the client is sending, not only when it completes.
        using var call = Client.SegmentStream(deadline: DateTime.UtcNow.AddMinutes(2));
        await call.RequestStream.WriteAsync(new SegmentRequest { Language = "tg", Text = "Якум. Дуюм. Сеюм.\n\n" });
        await call.RequestStream.WriteAsync(new SegmentRequest { Text = "Чорум" });

        var received = new List<string>();
        while (received.Count < 3 && await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            received.Add(call.ResponseStream.Current.Text);
        }

        Assert.Equal(["Якум.", "Дуюм.", "Сеюм."], received);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("Чорум", call.ResponseStream.Current.Text);
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Streamed_text_gives_the_same_segments_as_one_call()
    {
        var whole = await Client.SegmentAsync(new SegmentRequest { Text = TajikText, Language = "tg" });

        var streamed = await StreamAsync(TajikText, first: 10, piece: 7, batched: false);

        Assert.Equal(whole.Segments, streamed);
    }

    [Fact]
    public async Task A_stream_that_asks_for_batches_gets_the_same_segments_in_fewer_messages()
    {
        // 5,000 sentences in one paragraph: more than one batch's worth of segments (4,096), so the
        // batch limit splits them; a blank line and a last paragraph make a second flush.
        var longParagraph = string.Join(' ', Enumerable.Range(1, 5_000).Select(i => $"Ҷумлаи {i} тамом шуд."));
        var text = TajikText + "\n\n" + longParagraph + "\n\nОхирин ҷумла.";
        var whole = await Client.SegmentAsync(new SegmentRequest { Text = text, Language = "tg" });

        var messages = await StreamAsync(text, first: 1_000, piece: 10_000, batched: true);

        Assert.Equal(whole.Segments, Flatten(messages));
        Assert.InRange(messages.Count, 3, 20);
        Assert.All(messages, m => Assert.InRange(m.Following.Count, 0, 4_095));
        Assert.All(messages.SelectMany(m => m.Following), s => Assert.Empty(s.Following));
    }

    [Fact]
    public async Task A_batch_reaches_the_client_at_a_paragraph_break_before_the_stream_ends()
    {
        using var call = Client.SegmentStream(deadline: DateTime.UtcNow.AddMinutes(2));
        await call.RequestStream.WriteAsync(new SegmentRequest { Language = "tg", BatchSegments = true, Text = "Якум. Дуюм. Сеюм.\n\n" });
        await call.RequestStream.WriteAsync(new SegmentRequest { Text = "Чорум" });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var batch = call.ResponseStream.Current;
        Assert.Equal(["Якум.", "Дуюм.", "Сеюм."], new[] { batch.Text }.Concat(batch.Following.Select(s => s.Text)));
        Assert.Equal(12, batch.Following[1].Start);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(("Чорум", 0), (call.ResponseStream.Current.Text, call.ResponseStream.Current.Following.Count));
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task A_stream_that_does_not_ask_for_batches_gets_a_message_per_segment()
    {
        var messages = await StreamAsync(TajikText, first: TajikText.Length, piece: 1, batched: false);

        Assert.Equal(4, messages.Count);
        Assert.All(messages, m => Assert.Empty(m.Following));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_that_asks_for_offsets_only_gets_the_same_ranges_without_text(bool batched)
    {
        var text = TajikText + "\n\n" + string.Join(' ', Enumerable.Range(1, 300).Select(i => $"Ҷумлаи {i} тамом шуд.")) + "\n\nОхирин ҷумла.";
        var withText = Flatten(await StreamAsync(text, first: 100, piece: 777, batched));

        var offsets = Flatten(await StreamAsync(text, first: 100, piece: 777, batched, offsetsOnly: true));

        Assert.Equal(305, withText.Count);
        Assert.All(withText, s => Assert.Equal(text.Substring(s.Start, s.Length), s.Text));
        Assert.Equal(withText.Select(s => (s.Start, s.Length)), offsets.Select(s => (s.Start, s.Length)));
        Assert.All(offsets, s => Assert.Empty(s.Text));
    }

    private static List<TextSegment> Flatten(List<TextSegment> messages) =>
        [.. messages.SelectMany(m => new[] { new TextSegment { Start = m.Start, Length = m.Length, Text = m.Text } }.Concat(m.Following))];

    /// <summary>Streams <paramref name="text"/>: its first <paramref name="first"/> characters, then pieces; returns the reply messages.</summary>
    private async Task<List<TextSegment>> StreamAsync(string text, int first, int piece, bool batched, bool offsetsOnly = false)
    {
        using var call = Client.SegmentStream();
        await call.RequestStream.WriteAsync(new SegmentRequest { Language = "tg", BatchSegments = batched, OffsetsOnly = offsetsOnly, Text = text[..first] });
        for (var i = first; i < text.Length; i += piece)
        {
            await call.RequestStream.WriteAsync(new SegmentRequest { Text = text.Substring(i, Math.Min(piece, text.Length - i)) });
        }

        await call.RequestStream.CompleteAsync();
        var messages = new List<TextSegment>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            messages.Add(call.ResponseStream.Current);
        }

        return messages;
    }

    [Fact]
    public async Task Built_in_rules_are_listed_as_srx()
    {
        var response = await Client.ListRulesAsync(new ListRulesRequest());

        var rules = Assert.Single(response.RuleSets);
        Assert.Contains("<srx", rules.Srx, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_srx_document_is_used_instead_of_the_built_in_rules()
    {
        const string Srx = """
            <?xml version="1.0"?>
            <srx xmlns="http://www.lisa.org/srx20" version="2.0">
              <header segmentsubflows="yes" cascade="no"/>
              <body>
                <languagerules>
                  <languagerule languagerulename="semicolons">
                    <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s</afterbreak></rule>
                  </languagerule>
                </languagerules>
                <maprules><languagemap languagepattern=".*" languagerulename="semicolons"/></maprules>
              </body>
            </srx>
            """;

        var response = await Client.SegmentAsync(new SegmentRequest { Text = "Як; ду. Се", Language = "tg", Srx = Srx });

        Assert.Equal(["Як;", "ду. Се"], response.Segments.Select(s => s.Text));
    }

    [Theory]
    [InlineData("<srx>not closed", "", "srx")]
    [InlineData("", "no such rules", "rules")]
    public async Task Bad_rules_name_the_field(string srx, string rules, string field)
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await Client.SegmentAsync(new SegmentRequest { Text = "Салом.", Language = "tg", Srx = srx, Rules = rules }));

        Assert.Contains(field, GrpcAssert.BadFields(exception));
    }
}
