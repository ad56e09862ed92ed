using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

/// <summary>Fuzzy lookups, streams and document tools through the real server.</summary>
public sealed class MatchingServiceTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public MatchingServiceTests()
    {
        _app.Memories.CreateMemory(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });
        Add("Соли 2023 нархи нон 3 сомонӣ буд.", "In 2023 the price of bread was 3 somoni.");
        Add("Президент ба шаҳри Хуҷанд сафар кард.", "The President visited the city of Khujand.");
        Add("Ҳукумат барномаи навро тасдиқ кард.", "The government approved the new programme.");
    }

    public void Dispose() => _app.Dispose();

    private DocumentService.DocumentServiceClient Documents => new(_app.Channel);

    [Fact]
    public async Task Numbers_that_differ_are_carried_into_the_suggestion()
    {
        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Соли 2024 нархи нон 4 сомонӣ буд." });

        var match = Assert.Single(response.Matches);
        Assert.InRange(match.Score, 90, 99);
        Assert.True(match.TargetAdjusted);
        Assert.Equal("In 2024 the price of bread was 4 somoni.", match.Suggestion.Text);
        Assert.Equal("In 2023 the price of bread was 3 somoni.", match.Unit.Target.Text);
        Assert.NotEmpty(match.Differences);
    }

    [Fact]
    public async Task Ordinals_and_month_name_dates_are_carried_through_the_api()
    {
        Add("Созишнома 15-уми марти соли 2023 дар даври 12-ум ба имзо расид.", "The agreement was signed on 15 March 2023 in the 12th round.");

        var response = await _app.Lookup.LookupAsync(new LookupRequest
        {
            Memory = "news",
            Text = "Созишнома 3-юми июни соли 2024 дар даври 14-ум ба имзо расид."
        });

        var match = response.Matches[0];
        Assert.True(match.TargetAdjusted);
        Assert.Equal("The agreement was signed on 3 June 2024 in the 14th round.", match.Suggestion.Text);
        Assert.Empty(match.NotCarried);
    }

    [Fact]
    public async Task A_placeable_that_cannot_be_carried_leaves_the_target_and_is_reported()
    {
        Add("Дар толор 40 нафар соли 2023 буданд.", "In 2023 there were forty people in the hall.");
        const string query = "Дар толор 45 нафар соли 2024 буданд.";

        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = query });

        var match = response.Matches[0];
        Assert.False(match.TargetAdjusted);
        Assert.Equal("In 2023 there were forty people in the hall.", match.Suggestion.Text);
        Assert.Equal(["45", "2024"], match.NotCarried.Select(r => query.Substring(r.Start, r.Length)));
    }

    [Fact]
    public async Task Tajik_letters_typed_as_russian_still_match_closely()
    {
        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Президент ба шахри Худжанд сафар кард." });

        Assert.Equal("The President visited the city of Khujand.", Assert.Single(response.Matches).Unit.Target.Text);
    }

    [Fact]
    public async Task An_unrelated_sentence_has_no_match_at_70()
    {
        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Дар кӯҳистон барфи зиёд борид." });

        Assert.Empty(response.Matches);
    }

    [Fact]
    public async Task Units_added_after_start_are_found_at_once()
    {
        await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Салом." }); // builds the index
        Add("Вазорат ҳисоботи солонаро нашр кард.", "The ministry published its annual report.");

        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Вазорат ҳисоботи солонаро нашр кард." });

        Assert.Equal(100, Assert.Single(response.Matches).Score);
    }

    [Fact]
    public async Task Deleted_units_are_no_longer_suggested()
    {
        var id = Add("Ин ҷумла муваққатӣ аст.", "This sentence is temporary.");
        await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Ин ҷумла муваққатӣ аст." });

        await _app.Units.DeleteUnitAsync(new DeleteUnitRequest { Memory = "news", Id = id });

        Assert.Empty((await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Ин ҷумла муваққатӣ аст." })).Matches);
    }

    [Fact]
    public async Task Neighbours_that_match_the_context_give_101()
    {
        var unit = Units.Pair("Ҷаласа анҷом ёфт.", "The meeting ended.");
        unit.PreviousSource = "Ҳама розӣ шуданд.";
        unit.NextSource = "Хабарнигорон рафтанд.";
        await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = unit });

        var inContext = await _app.Lookup.LookupAsync(new LookupRequest
        {
            Memory = "news",
            Text = "Ҷаласа анҷом ёфт.",
            PreviousText = "Ҳама розӣ шуданд.",
            NextText = "Хабарнигорон рафтанд."
        });
        var plain = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Ҷаласа анҷом ёфт." });

        Assert.Equal(101, inContext.Matches[0].Score);
        Assert.Equal(100, plain.Matches[0].Score);
    }

    [Fact]
    public async Task Several_memories_are_searched_with_their_penalties()
    {
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "other", SourceLanguage = "tg", TargetLanguage = "en" });
        await _app.Units.AddUnitAsync(new AddUnitRequest
        {
            Memory = "other",
            Unit = Units.Pair("Ҳукумат барномаи навро тасдиқ кард.",
            "The cabinet adopted the new programme.")
        });

        var response = await _app.Lookup.LookupAsync(new LookupRequest
        {
            Memory = "news",
            Text = "Ҳукумат барномаи навро тасдиқ кард.",
            MoreMemories = { new MemoryRef { Name = "other", Penalty = 10 } },
        });

        Assert.Equal(["news", "other"], response.Matches.Select(m => m.Memory));
        Assert.Equal([100, 90], response.Matches.Select(m => m.Score));
        Assert.Equal(100, response.Matches[1].RawScore);
    }

    [Fact]
    public async Task LookupStream_answers_each_request_in_order()
    {
        using var call = _app.Lookup.LookupStream();
        string[] queries = ["Президент ба шаҳри Хуҷанд сафар кард.", "Чизи дигар тамоман.", "Ҳукумат барномаи навро тасдиқ кард."];
        for (var i = 0; i < queries.Length; i++)
        {
            await call.RequestStream.WriteAsync(new LookupRequest { Memory = "news", Text = queries[i], Id = $"q{i}" });
        }

        await call.RequestStream.CompleteAsync();
        var responses = new List<LookupResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            responses.Add(call.ResponseStream.Current);
        }

        Assert.Equal(["q0", "q1", "q2"], responses.Select(r => r.Id));
        Assert.Equal([1, 0, 1], responses.Select(r => r.Matches.Count));
    }

    [Fact]
    public async Task LookupStream_answers_many_requests_in_order_with_the_unary_results()
    {
        // Requests are looked up concurrently on the server: the answers must still come in request order.
        string[] texts = ["Президент ба шаҳри Хуҷанд сафар кард.", "Чизи дигар тамоман.", "Ҳукумат барномаи навро тасдиқ кард.", string.Empty, "Президент"];
        var requests = Enumerable.Range(0, 150)
            .Select(i => new LookupRequest
            {
                Memory = "news",
                Text = texts[i * 7 % texts.Length],
                Id = $"r{i}",
                MinScore = 30 + (i % 3 * 20),
                MaxResults = 1 + (i % 5)
            })
            .ToList();
        using var call = _app.Lookup.LookupStream();
        var reading = Task.Run(async () =>
        {
            var list = new List<LookupResponse>();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                list.Add(call.ResponseStream.Current);
            }

            return list;
        });
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
        }

        await call.RequestStream.CompleteAsync();
        var responses = await reading;
        Assert.Equal(requests.Select(r => r.Id), responses.Select(r => r.Id));
        foreach (var (request, response) in requests.Zip(responses))
        {
            if (request.Text.Length == 0)
            {
                Assert.Equal((int)StatusCode.InvalidArgument, response.Error.Code);
                continue;
            }

            var unary = await _app.Lookup.LookupAsync(request);
            Assert.Null(response.Error);
            Assert.Equal(unary.Matches.Select(m => (m.Score, m.Unit.Id)), response.Matches.Select(m => (m.Score, m.Unit.Id)));
        }
    }

    [Fact]
    public async Task LookupStream_cancelled_by_its_client_midway_leaves_the_server_answering()
    {
        // Segments already handed to the stream's workers when the client goes away must not keep the call or the server stuck.
        using (var cancel = new CancellationTokenSource())
        {
            using var call = _app.Lookup.LookupStream(cancellationToken: cancel.Token);
            for (var i = 0; i < 40; i++)
            {
                await call.RequestStream.WriteAsync(new LookupRequest { Memory = "news", Text = "Президент ба шаҳри Хуҷанд сафар кард.", Id = $"c{i}" });
            }

            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal("c0", call.ResponseStream.Current.Id);
            await cancel.CancelAsync();
            var exception = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            });
            Assert.Equal(StatusCode.Cancelled, exception.StatusCode);
        }

        using var next = _app.Lookup.LookupStream();
        await next.RequestStream.WriteAsync(new LookupRequest { Memory = "news", Text = "Ҳукумат барномаи навро тасдиқ кард.", Id = "after" });
        await next.RequestStream.CompleteAsync();
        Assert.True(await next.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(("after", 1), (next.ResponseStream.Current.Id, next.ResponseStream.Current.Matches.Count));
        Assert.False(await next.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task LookupStream_answers_a_refused_request_with_an_error_response_and_goes_on()
    {
        using var call = _app.Lookup.LookupStream();
        LookupRequest[] requests =
        [
            new() { Memory = "news", Text = "Президент ба шаҳри Хуҷанд сафар кард.", Id = "good" },
            new() { Memory = "news", Text = string.Empty, Id = "empty" },
            new() { Memory = "news", Text = string.Join(' ', Enumerable.Repeat("калима", 21_500)), Id = "huge" },
            new() { Memory = "nowhere", Text = "Ҳукумат барномаи навро тасдиқ кард.", Id = "missing" },
            new() { Memory = "news", Text = "Ҳукумат барномаи навро тасдиқ кард.", Id = "last" },
        ];
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
        }

        await call.RequestStream.CompleteAsync();
        var responses = new List<LookupResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            responses.Add(call.ResponseStream.Current);
        }

        Assert.Equal(["good", "empty", "huge", "missing", "last"], responses.Select(r => r.Id));
        Assert.Equal([1, 0, 0, 0, 1], responses.Select(r => r.Matches.Count));
        Assert.Equal(
            [(0, string.Empty), ((int)StatusCode.InvalidArgument, "text"), ((int)StatusCode.InvalidArgument, "text"), ((int)StatusCode.NotFound, "memory"), (0,
                string.Empty)],
            responses.Select(r => (r.Error?.Code ?? 0, r.Error?.Field ?? string.Empty)));
        Assert.StartsWith("text: 150499 characters is over the limit of 100000", responses[2].Error.Message, StringComparison.Ordinal);
        Assert.Equal("text: must not be empty.", responses[1].Error.Message);
    }

    [Fact]
    public async Task A_concordance_query_of_the_wrong_length_names_the_query_field()
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await Documents.ConcordanceAsync(new ConcordanceRequest { Memory = "news", Query = string.Empty }));

        Assert.Equal(["query"], GrpcAssert.BadFields(exception));
        Assert.StartsWith("query: ", exception.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concordance_finds_a_word_typed_with_russian_letters()
    {
        var response = await Documents.ConcordanceAsync(new ConcordanceRequest { Memory = "news", Query = "Хучанд" });

        var hit = Assert.Single(response.Hits);
        var range = Assert.Single(hit.SourceRanges);
        Assert.Equal("Хуҷанд", hit.Unit.Source.Text.Substring(range.Start, range.Length));
    }

    [Fact]
    public async Task Analysis_counts_segments_per_band()
    {
        var response = await Documents.AnalyzeAsync(new DocumentRequest
        {
            Memory = "news",
            Text = "Президент ба шаҳри Хуҷанд сафар кард. Дар кӯҳистон барфи зиёд борид. Президент ба шаҳри Хуҷанд сафар кард.",
        });

        var bands = response.Bands.ToDictionary(b => b.Name, b => b.Segments);
        Assert.Equal(1, bands["100"]);
        Assert.Equal(1, bands["repetition"]);
        Assert.Equal(1, bands["no-match"]);
        Assert.Equal(3, response.Total.Segments);
    }

    [Fact]
    public async Task Pretranslation_gives_each_segment_its_best_match()
    {
        var response = await Documents.PretranslateAsync(new DocumentRequest
        {
            Memory = "news",
            Text = "Соли 2025 нархи нон 5 сомонӣ буд. Дар кӯҳистон барфи зиёд борид.",
        });

        Assert.Equal(2, response.Segments.Count);
        Assert.Equal("In 2025 the price of bread was 5 somoni.", response.Segments[0].Match.Suggestion.Text);
        Assert.Null(response.Segments[1].Match);
    }

    [Fact]
    public async Task Unknown_memory_in_more_memories_is_NotFound()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () => await _app.Lookup.LookupAsync(new LookupRequest
        {
            Memory = "news",
            Text = "Салом.",
            MoreMemories = { new MemoryRef { Name = "nowhere" } },
        }));
    }

    private long Add(string source, string target) =>
        _app.Units.AddUnit(new AddUnitRequest { Memory = "news", Unit = Units.Pair(source, target) }).Id;
}
