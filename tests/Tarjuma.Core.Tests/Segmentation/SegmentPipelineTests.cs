using System.Text;
using Tarjuma.Core.Segmentation;
using Tarjuma.Evaluation.Segmentation;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Segmentation;

/// <summary>
/// <see cref="SegmentPipeline"/> segments paragraphs on other threads: its segments must be those of
/// <see cref="StreamSegmenter"/> alone, in the same order, whatever the pieces and paragraphs.
/// </summary>
public sealed class SegmentPipelineTests
{
    private static readonly Segmenter Tajik = Segmenter.Create(new SegmenterOptions { Language = "tg" });

    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Data", "Segmentation", "tg_golden.jsonl");

    [Theory]
    [InlineData(1, "\n")]
    [InlineData(2, "\r\n")]
    [InlineData(3, "\u2029")]
    public async Task Golden_texts_randomly_paragraphed_give_the_sequential_segments(int seed, string lineBreak)
    {
        var random = new Random(seed);
        var texts = SegmentationEvaluation.ReadGoldenCases(GoldenPath).Select(c => c.Text).ToList();

        // Many copies, so that pieces pass MinParallelCharacters and go to the thread pool.
        var text = Paragraphed(Enumerable.Range(0, 40).SelectMany(_ => texts), random, lineBreak);
        Assert.True(text.Length > 20 * SegmentPipeline.MinParallelCharacters);
        foreach (var pieceLength in new[] { 7, 1000, 64 * 1024 })
        {
            Assert.Equal(Sequential(Tajik, text), await PipelinedAsync(Tajik, text, Pieces(text, pieceLength, random)));
        }
    }

    [Theory]
    [InlineData(LineBreakMode.Heuristic)]
    [InlineData(LineBreakMode.RulesOnly)]
    [InlineData(LineBreakMode.EveryLine)]
    public async Task Every_line_break_mode_gives_the_sequential_segments(LineBreakMode mode)
    {
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = "tg", LineBreaks = mode });
        var random = new Random(5);
        var text = Paragraphed(SegmentationEvaluation.ReadGoldenCases(GoldenPath).Select(c => c.Text), random, "\n");

        Assert.Equal(Sequential(segmenter, text), await PipelinedAsync(segmenter, text, Pieces(text, 300, random)));
    }

    [Fact]
    public async Task A_paragraph_longer_than_the_pending_limit_is_cut_as_the_sequential_stream_cuts_it()
    {
        // One paragraph, no blank line: the stream cuts it at MaxPendingCharacters, on the caller's thread.
        var sentence = "Э. Раҳмон ба Хуҷанд рафт ва бо сокинон дар бораи нархи нон, ки 2,5 сом аст, гап зад. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 3000)) + "\n\nОхир.";
        var pieces = Pieces(text, 4096, new Random(9));

        var sequential = new StreamSegmenter(Tajik, maxPendingCharacters: 20_000);
        var expected = pieces.SelectMany(p => sequential.Append(p)).ToList();
        expected.AddRange(sequential.Complete());
        var actual = await PipelinedAsync(new StreamSegmenter(Tajik, maxPendingCharacters: 20_000), pieces);

        Assert.Equal(expected, actual);
        Assert.Equal(Sequential(Tajik, text), actual);
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(20_000)]
    public async Task A_stream_without_text_gives_the_same_ranges_and_empty_texts(int maxPending)
    {
        // A server asked for offsets only (issue #12); 20,000 also cuts the long paragraph at the pending limit.
        var random = new Random(11);
        var longParagraph = string.Concat(Enumerable.Repeat("Э. Раҳмон ба Хуҷанд рафт ва бо сокинон гап зад. ", 1000));
        var text = Paragraphed(SegmentationEvaluation.ReadGoldenCases(GoldenPath).Select(c => c.Text).Append(longParagraph), random, "\n");
        var pieces = Pieces(text, 4096, random);

        var withText = await PipelinedAsync(new StreamSegmenter(Tajik, maxPending), pieces);
        var withoutText = await PipelinedAsync(new StreamSegmenter(Tajik, maxPending, withText: false), pieces);

        if (maxPending > text.Length)
        {
            Assert.Equal(Sequential(Tajik, text), withText);
        }

        Assert.True(withText.Count > 1000);
        Assert.Equal(withText.Select(s => s.Range), withoutText.Select(s => s.Range));
        Assert.All(withoutText, s => Assert.Empty(s.Text));
    }

    [Fact]
    public async Task Empty_input_and_blank_lines_only_give_what_the_sequential_stream_gives()
    {
        Assert.Empty(await PipelinedAsync(Tajik, "", []));
        Assert.Empty(await PipelinedAsync(Tajik, "", [""]));
        Assert.Equal(Sequential(Tajik, "\n\n \r\n\r\n"), await PipelinedAsync(Tajik, "\n\n \r\n\r\n", ["\n\n", " \r", "\n\r\n"]));
    }

    [SkippableTheory]
    [InlineData("tg")]
    [InlineData("en")]
    public async Task Development_documents_give_the_sequential_segments(string language)
    {
        var documents = SegmentationEvaluation.ReadDocuments(SharedData.Require($"ntrex-dev/segmentation.{language}.jsonl"));
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = language });
        var text = string.Join("\n\n", documents.Select(d => d.Text));

        Assert.Equal(Sequential(segmenter, text), await PipelinedAsync(segmenter, text, Pieces(text, 64 * 1024, new Random(3))));
    }

    [Fact]
    public async Task A_paragraph_is_written_as_soon_as_its_blank_line_has_come()
    {
        var written = new TaskCompletionSource<(IReadOnlyList<StreamedSegment> Segments, bool More)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pipeline = new SegmentPipeline(new StreamSegmenter(Tajik), (segments, more, _) =>
        {
            if (segments.Count > 0)
            {
                written.TrySetResult((segments, more));
            }

            return ValueTask.CompletedTask;
        }, budget: null, CancellationToken.None);

        await pipeline.AppendAsync("Як ду се. Чор панҷ.\n\nШаш".AsMemory());

        // No more input comes: the segments must come anyway, with nothing more queued (a writer flushes then).
        var (segments, more) = await written.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(["Як ду се.", "Чор панҷ."], segments.Select(s => s.Text));
        Assert.False(more);
    }

    [Fact]
    public async Task A_blocked_writer_holds_the_reader_after_a_bounded_queue()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new List<StreamedSegment>();
        await using var pipeline = new SegmentPipeline(new StreamSegmenter(Tajik), async (segments, _, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            written.AddRange(segments);
        }, budget: null, CancellationToken.None);

        await pipeline.AppendAsync("Як.\n\n".AsMemory());
        await entered.Task.WaitAsync(TimeSpan.FromMinutes(2));

        // The writer holds the first batch; the queue takes QueuedBatches more, and the next piece waits.
        for (var i = 0; i < SegmentPipeline.QueuedBatches; i++)
        {
            Assert.True(pipeline.AppendAsync($"Ҷумла {i}.\n\n".AsMemory()).AsTask().IsCompletedSuccessfully, $"piece {i}");
        }

        var waiting = pipeline.AppendAsync("Охир.\n\n".AsMemory()).AsTask();
        Assert.False(waiting.IsCompleted);

        release.SetResult();
        await waiting;
        await pipeline.CompleteAsync();
        Assert.Equal(["Як.", .. Enumerable.Range(0, SegmentPipeline.QueuedBatches).Select(i => $"Ҷумла {i}."), "Охир."], written.Select(s => s.Text));
    }

    [Fact]
    public async Task A_writer_error_is_thrown_to_the_reader()
    {
        var text = Paragraphed(SegmentationEvaluation.ReadGoldenCases(GoldenPath).Select(c => c.Text), new Random(2), "\n");
        var batches = 0;
        await using var pipeline = new SegmentPipeline(new StreamSegmenter(Tajik), (_, _, _) =>
            ++batches == 3 ? throw new IOException("disk full") : ValueTask.CompletedTask, budget: null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            foreach (var piece in Pieces(text, 50, new Random(4)))
            {
                await pipeline.AppendAsync(piece.AsMemory());
            }

            await pipeline.CompleteAsync();
        });
        Assert.Equal("disk full", error.Message);
        Assert.Equal(3, batches);
    }

    [Fact]
    public async Task Cancellation_stops_the_pipeline()
    {
        using var cancellation = new CancellationTokenSource();
        var written = 0;
        await using var pipeline = new SegmentPipeline(new StreamSegmenter(Tajik), (segments, _, _) =>
        {
            written += segments.Count;
            return ValueTask.CompletedTask;
        }, budget: null, cancellation.Token);

        await pipeline.AppendAsync("Як ду се.\n\n".AsMemory());
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await pipeline.AppendAsync("Чор. Панҷ.\n\nШаш.".AsMemory());
            await pipeline.CompleteAsync();
        });
        Assert.True(written <= 1);
    }

    private static List<StreamedSegment> Sequential(Segmenter segmenter, string text)
    {
        var stream = new StreamSegmenter(segmenter);
        return [.. stream.Append(text), .. stream.Complete()];
    }

    private static Task<List<StreamedSegment>> PipelinedAsync(Segmenter segmenter, string text, IReadOnlyList<string> pieces)
    {
        Assert.Equal(text, string.Concat(pieces));
        return PipelinedAsync(new StreamSegmenter(segmenter), pieces);
    }

    private static async Task<List<StreamedSegment>> PipelinedAsync(StreamSegmenter stream, IReadOnlyList<string> pieces)
    {
        var segments = new List<StreamedSegment>();
        await using var pipeline = new SegmentPipeline(stream, (batch, _, _) =>
        {
            segments.AddRange(batch);
            return ValueTask.CompletedTask;
        }, budget: null, CancellationToken.None);
        foreach (var piece in pieces)
        {
            await pipeline.AppendAsync(piece.AsMemory());
        }

        await pipeline.CompleteAsync();
        return segments;
    }

    /// <summary>Texts joined by one line break (same paragraph) or by blank lines, some holding spaces, at random.</summary>
    private static string Paragraphed(IEnumerable<string> texts, Random random, string lineBreak)
    {
        var builder = new StringBuilder();
        foreach (var text in texts)
        {
            builder.Append(text);
            builder.Append(random.Next(4) switch
            {
                0 => lineBreak,
                1 => lineBreak + lineBreak,
                2 => lineBreak + " \t" + lineBreak + lineBreak,
                _ => " ",
            });
        }

        return builder.ToString();
    }

    /// <summary>Pieces of up to <paramref name="maxLength"/> characters, of random lengths (so cut inside CRLFs and blank lines).</summary>
    private static List<string> Pieces(string text, int maxLength, Random random)
    {
        var pieces = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var length = Math.Min(random.Next(1, maxLength + 1), text.Length - i);
            pieces.Add(text.Substring(i, length));
            i += length;
        }

        return pieces;
    }
}
