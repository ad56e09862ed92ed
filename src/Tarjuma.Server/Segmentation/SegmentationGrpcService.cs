using Grpc.Core;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Segmentation;

/// <summary>gRPC adapter for the one segmenter the engine, the CLI and the server share.</summary>
public sealed class SegmentationGrpcService(SegmenterCache segmenters, MemoryRules memoryRules, IOptions<TarjumaLimits> limits)
    : SegmentationService.SegmentationServiceBase
{
    /// <summary>A write that only appends to the response (gRPC's <c>BufferHint</c>); the next flushed write sends it.</summary>
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    private static readonly WriteOptions FlushedWrite = new();

    /// <summary>Segments in one batched <c>SegmentStream</c> message at most: large enough that per-message cost vanishes.</summary>
    private const int MaxBatchSegments = 4_096;

    /// <summary>
    /// Characters of segment text in one batched message at most (a batch ends after the segment that
    /// reaches it): 256 Ki UTF-16 characters are at most 768 KiB of UTF-8, well inside gRPC's default
    /// 4 MB message limit on the client, whatever chunk size the client sends.
    /// </summary>
    private const int MaxBatchCharacters = 256 * 1024;

    public override async Task<SegmentResponse> Segment(SegmentRequest request, ServerCallContext context)
    {
        var segmenter = await ResolveAsync(request, context.CancellationToken);
        var response = new SegmentResponse();
        foreach (var span in Run(segmenter, request.Text, context.CancellationToken))
        {
            response.Segments.Add(ToProto(request.Text, span));
        }

        return response;
    }

    /// <summary>Segments as text arrives; the segmentation of streamed text is the engine's (<see cref="StreamSegmenter"/>).</summary>
    public override async Task SegmentStream(IAsyncStreamReader<SegmentRequest> requestStream, IServerStreamWriter<TextSegment> responseStream,
        ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken))
        {
            return;
        }

        var first = requestStream.Current;
        var batched = first.BatchSegments;

        // Paragraphs are segmented on the thread pool while this call reads messages and the pipeline's writer
        // sends segments, each batch as soon as it is final (issue #12: one core was the limit). Offsets only: no
        // string per segment, nothing to encode (the text crossed the wire twice).
        var segmenter = new StreamSegmenter(await ResolveAsync(first, cancellationToken), withText: !first.OffsetsOnly);
        await using var pipeline = new SegmentPipeline(segmenter,
            (segments, _, token) => new ValueTask(WriteAllAsync(responseStream, segments, batched, token)), Budget, cancellationToken);
        var text = first.Text;
        while (true)
        {
            await pipeline.AppendAsync(text.AsMemory());
            if (!await requestStream.MoveNext(cancellationToken))
            {
                break;
            }

            text = requestStream.Current.Text;
        }

        await pipeline.CompleteAsync();
    }

    /// <summary>
    /// Writes the segments final so far. Batched (<c>batch_segments</c>): a message per
    /// <see cref="MaxBatchSegments"/> segments or <see cref="MaxBatchCharacters"/> characters, each
    /// flushed. Otherwise a message per segment, buffered and flushed once after the last: a flush
    /// per segment (a frame and a socket write each) held the stream to a few MB/s (issue #12).
    /// Either way each batch reaches the client as soon as it is final.
    /// </summary>
    private static async Task WriteAllAsync(IServerStreamWriter<TextSegment> responseStream, IReadOnlyList<StreamedSegment> segments, bool batched,
        CancellationToken cancellationToken)
    {
        if (batched)
        {
            responseStream.WriteOptions = FlushedWrite;
            TextSegment? message = null;
            var characters = 0;
            foreach (var segment in segments)
            {
                if (message is null)
                {
                    message = ToProto(segment);
                    characters = 0;
                }
                else
                {
                    message.Following.Add(ToProto(segment));
                }

                characters += segment.Text.Length;
                if (message.Following.Count + 1 >= MaxBatchSegments || characters >= MaxBatchCharacters)
                {
                    await responseStream.WriteAsync(message, cancellationToken);
                    message = null;
                }
            }

            if (message is not null)
            {
                await responseStream.WriteAsync(message, cancellationToken);
            }

            return;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            responseStream.WriteOptions = i < segments.Count - 1 ? BufferedWrite : FlushedWrite;
            await responseStream.WriteAsync(ToProto(segments[i]), cancellationToken);
        }
    }

    public override async Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var response = new ListRulesResponse();
        foreach (var name in BuiltInRules.Names)
        {
            response.RuleSets.Add(new RuleSet
            {
                Name = name,
                Description = "Tarjuma's built-in SRX 2.0 rules: Tajik (tg) and English (en), cascading to common rules.",
                Srx = BuiltInRules.GetSrx(name),
            });
        }

        if (request.Memory.Length > 0)
        {
            var (memory, abbreviations, _) = await memoryRules.GetAsync(Validate.MemoryName(request.Memory), context.CancellationToken);
            response.RuleSets.Add(new RuleSet
            {
                Name = MemoryAbbreviationLearning.RuleName(memory.Name),
                Description =
                    $"The built-in rules with the abbreviations of memory '{memory.Name}' (learned from its sources, with an administrator's edits), "
                        + $"for {memory.SourceLanguage}.",
                Srx = MemoryAbbreviationLearning.RulesSrx(abbreviations, memory.SourceLanguage),
            });
            response.MemoryAbbreviations = abbreviations.ToProto();
        }

        return response;
    }

    /// <summary>
    /// Segments under the call's cancellation and the per-request budget
    /// (<see cref="TarjumaLimits.SegmentationBudget"/>, per message of a stream), so hostile
    /// rules cannot keep a core busy after the client gave up or for longer than the budget.
    /// </summary>
    private IReadOnlyList<Core.Model.TextRange> Run(Segmenter segmenter, string text, CancellationToken callToken) =>
        WithinBudget(token => segmenter.Segment(text, token), callToken);

    private T WithinBudget<T>(Func<CancellationToken, T> segment, CancellationToken callToken)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(callToken);
        work.CancelAfter(limits.Value.SegmentationBudget);
        try
        {
            return segment(work.Token);
        }
        catch (OperationCanceledException) when (!callToken.IsCancellationRequested)
        {
            throw OverBudget();
        }
    }

    private SegmentationBudget Budget => new(limits.Value.SegmentationBudget, OverBudget);

    private TarjumaException OverBudget() => new(
        ErrorKind.ResourceExhausted,
        $"segmenting took longer than the budget of {limits.Value.SegmentationBudget.TotalSeconds:0.###} s per request "
            + $"(setting {TarjumaLimits.Section}:{nameof(TarjumaLimits.SegmentationBudget)}); "
        + "send shorter text or simpler SRX rules.");

    public override async Task<Protos.V1.MemoryAbbreviations> EditAbbreviations(EditAbbreviationsRequest request, ServerCallContext context)
    {
        var memory = Validate.MemoryName(request.Memory);
        if (request.Add.Count + request.Remove.Count == 0)
        {
            throw TarjumaException.InvalidArgument("add", "give at least one abbreviation to add or remove.");
        }

        var edited = await memoryRules.EditAsync(memory, [.. request.Add], [.. request.Remove], context.CancellationToken);
        return edited.ToProto();
    }

    private async Task<Segmenter> ResolveAsync(SegmentRequest request, CancellationToken cancellationToken)
    {
        if (request.Memory.Length > 0)
        {
            return await ResolveForMemoryAsync(request, cancellationToken);
        }

        var language = Validate.Language(request.Language);
        if (request.Srx.Length > SrxDocument.MaxFileBytes)
        {
            throw TarjumaException.InvalidArgument("srx", $"an SRX document has at most {SrxDocument.MaxFileBytes} bytes.");
        }

        return segmenters.Get(language, LineBreakModeOf(request), request.Rules, request.Srx);
    }

    /// <summary>The memory's rules: the built-in ones with its abbreviations; a language of another family falls back to the built-in rules.</summary>
    private async Task<Segmenter> ResolveForMemoryAsync(SegmentRequest request, CancellationToken cancellationToken)
    {
        var name = Validate.MemoryName(request.Memory);
        if (request.Srx.Length > 0 || request.Rules.Length > 0)
        {
            throw TarjumaException.InvalidArgument("memory",
                "a memory's rules are the built-in ones with its abbreviations: give memory or srx/rules, not both.");
        }

        var lineBreaks = LineBreakModeOf(request);
        var (memory, _, rules) = await memoryRules.GetAsync(name, cancellationToken);
        var language = request.Language.Length == 0 ? memory.SourceLanguage : Validate.Language(request.Language);
        return Segmenter.Create(new SegmenterOptions { Language = language.Value, Rules = rules, LineBreaks = lineBreaks });
    }

    private static LineBreakMode LineBreakModeOf(SegmentRequest request) => request.LineBreaks switch
    {
        LineBreaks.Heuristic => LineBreakMode.Heuristic,
        LineBreaks.BlankLineOnly => LineBreakMode.BlankLineOnly,
        LineBreaks.EveryLine => LineBreakMode.EveryLine,
        LineBreaks.RulesOnly => LineBreakMode.RulesOnly,
        _ => throw TarjumaException.InvalidArgument("line_breaks", $"unknown value {(int)request.LineBreaks}."),
    };

    private static TextSegment ToProto(string text, Core.Model.TextRange span) =>
        new() { Start = span.Start, Length = span.Length, Text = text.Substring(span.Start, span.Length) };

    /// <summary>The segment as sent: without text when the stream asked for offsets only (its text is then empty).</summary>
    private static TextSegment ToProto(StreamedSegment segment) =>
        new() { Start = segment.Range.Start, Length = segment.Range.Length, Text = segment.Text };
}
