using System.Globalization;
using Grpc.Core;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Xliff;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Segmentation;

namespace Tarjuma.Server.Lookup;

/// <summary>gRPC adapter for concordance, analysis and pre-translation.</summary>
public sealed class DocumentGrpcService(IndexedMemoryStore store, MemoryRules memoryRules) : DocumentService.DocumentServiceBase
{
    public const int DefaultConcordancePageSize = 20;
    public const int MaxConcordancePageSize = 200;

    public override async Task<ConcordanceResponse> Concordance(ConcordanceRequest request, ServerCallContext context)
    {
        var pageSize = Validate.InRange(request.PageSize, 1, MaxConcordancePageSize, DefaultConcordancePageSize);
        var skip = ParsePageToken(request.PageToken);
        var side = request.Side switch
        {
            ConcordanceRequest.Types.Side.Source => ConcordanceSide.Source,
            ConcordanceRequest.Types.Side.Target => ConcordanceSide.Target,
            ConcordanceRequest.Types.Side.Unspecified or ConcordanceRequest.Types.Side.Both => ConcordanceSide.Both,
            _ => throw Core.Model.TarjumaException.InvalidArgument("side", $"unknown value {(int)request.Side}."),
        };
        IReadOnlyList<ConcordanceResult> hits;
        int total;
        try
        {
            (hits, total) = await DocumentTools.ConcordanceAsync(store, Validate.MemoryName(request.Memory), request.Query, side, skip, pageSize,
                context.CancellationToken);
        }
        catch (Core.Model.TarjumaException exception) when (exception.Field == "phrase")
        {
            // The engine's parameter is the request's query.
            throw exception.AsField("query");
        }

        var response = new ConcordanceResponse();
        response.Hits.AddRange(hits.Select(h => h.ToProto()));

        if (skip + pageSize < total)
        {
            response.NextPageToken = (skip + pageSize).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    public override async Task<AnalyzeResponse> Analyze(DocumentRequest request, ServerCallContext context)
    {
        var report = await DocumentTools.AnalyzeAsync(store, await ToQueryAsync(request, context.CancellationToken), context.CancellationToken);
        return report.ToProto();
    }

    public override async Task<PretranslateResponse> Pretranslate(DocumentRequest request, ServerCallContext context)
    {
        var segments = await DocumentTools.PretranslateAsync(store, await ToQueryAsync(request, context.CancellationToken), context.CancellationToken);
        var response = new PretranslateResponse();
        response.Segments.AddRange(segments.Select(s => s.ToProto()));
        return response;
    }

    public override Task PretranslateXliff(IAsyncStreamReader<PretranslateXliffRequest> requestStream,
        IServerStreamWriter<PretranslateXliffResponse> responseStream, ServerCallContext context) =>
        XliffPretranslation.RunAsync(store, requestStream, responseStream, context.CancellationToken);

    /// <summary>The query; text to segment is cut by the memory's rules (its abbreviations).</summary>
    private async Task<DocumentQuery> ToQueryAsync(DocumentRequest request, CancellationToken cancellationToken)
    {
        var language = request.Language.Length == 0 ? (Core.Model.LanguageTag?)null : Validate.Language(request.Language);
        var segments = request.Segments.Count > 0 ? [.. request.Segments] : (IReadOnlyList<string>?)null;
        if (!request.Xliff.IsEmpty)
        {
            // The document's own declared language unless the request names one.
            using var xliff = new MemoryStream(request.Xliff.ToByteArray(), writable: false);
            var document = XliffSegments.Read(xliff, language?.Value ?? "tg", DocumentQuery.MaxSegments);
            language ??= Core.Model.LanguageTag.TryParse(document.SourceLanguage, out var declared) ? declared : null;
            segments = document.Segments.Count > 0 ? document.Segments : throw Core.Model.TarjumaException.InvalidArgument("xliff",
                "the file has no segment to analyse.");
        }

        var query = new DocumentQuery(
            Validate.MemoryName(request.Memory),
            language,
            request.Text,
            segments,
            Validate.InRange(request.MinScore, 1, 101, DocumentQuery.DefaultMinScore));
        return query.Segments is null && !string.IsNullOrEmpty(query.Text)
            ? query with { Rules = (await memoryRules.GetAsync(query.Memory, cancellationToken)).Rules }
            : query;
    }

    private static int ParsePageToken(string token)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var skip) && skip > 0
            ? skip
            : throw Core.Model.TarjumaException.InvalidArgument("page_token", "is not a token returned by Concordance.");
    }
}
