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
    /// <summary>
    /// SegmentStream holds at most this many characters of text without a paragraph break before it
    /// emits all but the last segment: bounds the memory one stream can pin.
    /// </summary>
    public const int MaxPendingCharacters = 1 << 20;

    /// <summary>A write that only appends to the response (gRPC's <c>BufferHint</c>); the next flushed write sends it.</summary>
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    private static readonly WriteOptions FlushedWrite = new();

    public override async Task<SegmentResponse> Segment(SegmentRequest request, ServerCallContext context)
    {
        var segmenter = await ResolveAsync(request, context.CancellationToken);
        var response = new SegmentResponse();
        foreach (var span in Run(segmenter, request.Text, context.CancellationToken))
        {
            response.Segments.Add(ToProto(request.Text, span, offset: 0));
        }

        return response;
    }

    public override async Task SegmentStream(IAsyncStreamReader<SegmentRequest> requestStream, IServerStreamWriter<TextSegment> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken))
        {
            return;
        }

        var first = requestStream.Current;
        var segmenter = await ResolveAsync(first, cancellationToken);
        var pending = new System.Text.StringBuilder(first.Text);
        var offset = 0;
        while (await requestStream.MoveNext(cancellationToken))
        {
            pending.Append(requestStream.Current.Text);
            var text = pending.ToString();
            var cut = LastParagraphBreak(text);
            var spans = cut > 0 ? Run(segmenter, text[..cut], cancellationToken) : [];
            if (cut <= 0 && text.Length > MaxPendingCharacters)
            {
                // No paragraph break for a long stretch: all but the last segment are final.
                var all = Run(segmenter, text, cancellationToken);
                if (all.Count > 1)
                {
                    spans = [.. all.Take(all.Count - 1)];
                    cut = all[^1].Start;
                }
            }

            if (cut <= 0)
            {
                continue;
            }

            await WriteAllAsync(responseStream, text, spans, offset, cancellationToken);

            pending.Remove(0, cut);
            offset += cut;
        }

        var rest = pending.ToString();
        await WriteAllAsync(responseStream, rest, Run(segmenter, rest, cancellationToken), offset, cancellationToken);
    }

    /// <summary>
    /// Writes the segments final so far, flushing once after the last: a flush per segment (a frame
    /// and a socket write each) held the stream to a few MB/s (issue #12). Each batch still reaches
    /// the client as soon as it is final.
    /// </summary>
    private static async Task WriteAllAsync(
        IServerStreamWriter<TextSegment> responseStream,
        string text,
        IReadOnlyList<Core.Model.TextRange> spans,
        int offset,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < spans.Count; i++)
        {
            responseStream.WriteOptions = i < spans.Count - 1 ? BufferedWrite : FlushedWrite;
            await responseStream.WriteAsync(ToProto(text, spans[i], offset), cancellationToken);
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
                Description = $"The built-in rules with the abbreviations of memory '{memory.Name}' (learned from its sources, with an administrator's edits), for {memory.SourceLanguage}.",
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
    private IReadOnlyList<Core.Model.TextRange> Run(Segmenter segmenter, string text, CancellationToken callToken)
    {
        var budget = limits.Value.SegmentationBudget;
        using var work = CancellationTokenSource.CreateLinkedTokenSource(callToken);
        work.CancelAfter(budget);
        try
        {
            return segmenter.Segment(text, work.Token);
        }
        catch (OperationCanceledException) when (!callToken.IsCancellationRequested)
        {
            throw new TarjumaException(
                ErrorKind.ResourceExhausted,
                $"segmenting took longer than the budget of {budget.TotalSeconds:0.###} s per request (setting {TarjumaLimits.Section}:{nameof(TarjumaLimits.SegmentationBudget)}); "
                + "send shorter text or simpler SRX rules.");
        }
    }

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
            throw TarjumaException.InvalidArgument("memory", "a memory's rules are the built-in ones with its abbreviations: give memory or srx/rules, not both.");
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

    /// <summary>End of the last blank line in <paramref name="text"/> (a paragraph break always ends a segment), or 0.</summary>
    internal static int LastParagraphBreak(string text)
    {
        var end = text.Length;
        while (end > 0)
        {
            var newline = text.LastIndexOf('\n', end - 1);
            if (newline <= 0)
            {
                return 0;
            }

            // Walk back over spaces and tabs (and a CR) to a previous line break: a blank line.
            var i = newline - 1;
            while (i >= 0 && text[i] is ' ' or '\t' or '\r')
            {
                i--;
            }

            if (i >= 0 && text[i] == '\n')
            {
                return newline + 1;
            }

            end = newline;
        }

        return 0;
    }

    private static TextSegment ToProto(string text, Core.Model.TextRange span, int offset) =>
        new() { Start = offset + span.Start, Length = span.Length, Text = text.Substring(span.Start, span.Length) };
}
