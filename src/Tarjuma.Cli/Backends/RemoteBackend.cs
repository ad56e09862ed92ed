using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Tarjuma.Alignment;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Xliff;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Cli.Backends;

/// <summary>Talks to a running server through the generated gRPC clients.</summary>
internal sealed class RemoteBackend : ITarjumaBackend
{
    /// <summary>Bytes per import message: well under the server's message limit.</summary>
    public const int ImportChunkSize = 256 * 1024;

    private readonly GrpcChannel _channel;
    private readonly MemoryService.MemoryServiceClient _memories;
    private readonly TmxService.TmxServiceClient _tmx;
    private readonly LookupService.LookupServiceClient _lookup;
    private readonly AlignmentService.AlignmentServiceClient _alignment;
    private readonly DocumentService.DocumentServiceClient _documents;
    private readonly KeyService.KeyServiceClient _keys;
    private readonly SegmentationService.SegmentationServiceClient _segmentation;

    private RemoteBackend(GrpcChannel channel)
    {
        _channel = channel;
        _memories = new MemoryService.MemoryServiceClient(channel);
        _tmx = new TmxService.TmxServiceClient(channel);
        _lookup = new LookupService.LookupServiceClient(channel);
        _alignment = new AlignmentService.AlignmentServiceClient(channel);
        _documents = new DocumentService.DocumentServiceClient(channel);
        _keys = new KeyService.KeyServiceClient(channel);
        _segmentation = new SegmentationService.SegmentationServiceClient(channel);
    }

    /// <summary>Where an empty side of a bead sits: after the previous bead's segments on that side.</summary>
    private static int NextStart(Protos.V1.Bead bead, AlignResponse response, bool source)
    {
        var start = 0;
        foreach (var other in response.Beads)
        {
            if (ReferenceEquals(other, bead))
            {
                break;
            }

            var indices = source ? other.SourceIndices : other.TargetIndices;
            if (indices.Count > 0)
            {
                start = indices[^1] + 1;
            }
        }

        return start;
    }

    public static RemoteBackend Connect(string address) => Connect(address, Environment.GetEnvironmentVariable(ApiKeyVariable));

    /// <summary>Connects sending <paramref name="apiKey"/> (when not empty) as <c>authorization: Bearer</c>.</summary>
    public static RemoteBackend Connect(string address, string? apiKey)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw TarjumaException.InvalidArgument("--server", $"'{address}' is not an http:// or https:// URL.");
        }

        return new RemoteBackend(GrpcChannel.ForAddress(uri, ChannelOptions(uri, apiKey)));
    }

    /// <summary>Environment variable with the API key the CLI sends (not an option: it would show in process lists).</summary>
    public const string ApiKeyVariable = "TARJUMA_API_KEY";

    private static GrpcChannelOptions ChannelOptions(Uri uri, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return new GrpcChannelOptions();
        }

        var bearer = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + apiKey);
            return Task.CompletedTask;
        });
        var https = uri.Scheme == Uri.UriSchemeHttps;
        return new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(https ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, bearer),
            // Plain http is meant for loopback (the server refuses anonymous network use without TLS only by policy).
            UnsafeUseInsecureChannelCallCredentials = !https,
        };
    }

    public async Task<CreatedApiKey> CreateKeyAsync(NewApiKey key, CancellationToken cancellationToken)
    {
        var created = await _keys.CreateKeyAsync(
            new CreateKeyRequest { Name = key.Name, Admin = key.IsAdmin, Grants = { key.Grants.Select(g => g.ToString()) } },
            cancellationToken: cancellationToken);
        return new CreatedApiKey(created.Key.ToDomain(), created.Secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken) =>
        [.. (await _keys.ListKeysAsync(new ListKeysRequest(), cancellationToken: cancellationToken)).Keys.Select(k => k.ToDomain())];

    public async Task<ApiKey> RevokeKeyAsync(string id, CancellationToken cancellationToken) =>
        (await _keys.RevokeKeyAsync(new RevokeKeyRequest { Id = id }, cancellationToken: cancellationToken)).ToDomain();

    public async Task<MemoryInfo> CreateMemoryAsync(NewMemory memory, CancellationToken cancellationToken) =>
        (await _memories.CreateMemoryAsync(
            new CreateMemoryRequest { Name = memory.Name, SourceLanguage = memory.SourceLanguage.Value, TargetLanguage = memory.TargetLanguage.Value, Description = memory.Description },
            cancellationToken: cancellationToken)).ToDomain();

    public async Task<MemoryInfo> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken) =>
        (await _memories.UpdateMemoryAsync(new UpdateMemoryRequest { Name = name, Description = description }, cancellationToken: cancellationToken)).ToDomain();

    public async Task<IReadOnlyList<MemoryInfo>> ListMemoriesAsync(CancellationToken cancellationToken) =>
        [.. (await _memories.ListMemoriesAsync(new ListMemoriesRequest(), cancellationToken: cancellationToken)).Memories.Select(m => m.ToDomain())];

    public async Task<(MemoryInfo Memory, Core.Model.MemoryStatistics Statistics)> ShowMemoryAsync(string name, CancellationToken cancellationToken)
    {
        var memory = await _memories.GetMemoryAsync(new GetMemoryRequest { Name = name }, cancellationToken: cancellationToken);
        var s = await _memories.GetMemoryStatisticsAsync(new GetMemoryStatisticsRequest { Name = name }, cancellationToken: cancellationToken);
        return (memory.ToDomain(), new Core.Model.MemoryStatistics(
            s.UnitCount, s.DistinctSources, s.SourceWords, s.TargetWords, s.SourceCharacters, s.TargetCharacters, s.LastChangedAt?.ToDateTimeOffset()));
    }

    public async Task<(MemoryInfo Memory, Core.Segmentation.Learning.MemoryAbbreviations Abbreviations)> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken)
    {
        var info = await _memories.GetMemoryAsync(new GetMemoryRequest { Name = memory }, cancellationToken: cancellationToken);
        var rules = await _segmentation.ListRulesAsync(new ListRulesRequest { Memory = memory }, cancellationToken: cancellationToken);
        return (info.ToDomain(), ToDomain(rules.MemoryAbbreviations));
    }

    public async Task<Core.Segmentation.Learning.MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken)
    {
        var request = new EditAbbreviationsRequest { Memory = memory };
        request.Add.AddRange(add);
        request.Remove.AddRange(remove);
        return ToDomain(await _segmentation.EditAbbreviationsAsync(request, cancellationToken: cancellationToken));
    }

    private static Core.Segmentation.Learning.MemoryAbbreviations ToDomain(Protos.V1.MemoryAbbreviations proto) => new(
        proto.Memory,
        [.. proto.Learned.Select(a => new Core.Segmentation.Learning.LearnedAbbreviation(a.Text, a.Score, a.WithPeriod, a.WithoutPeriod, a.ContinuationShare))],
        [.. proto.Added],
        [.. proto.Removed],
        proto.LearnedFromUnits);

    public async Task DeleteMemoryAsync(string name, CancellationToken cancellationToken) =>
        await _memories.DeleteMemoryAsync(new DeleteMemoryRequest { Name = name }, cancellationToken: cancellationToken);

    public async Task<TmxImportResult> ImportAsync(TmxImportRequest request, Stream tmx, Action<long>? progress, CancellationToken cancellationToken)
    {
        using var call = _tmx.ImportTmx(cancellationToken: cancellationToken);
        var buffer = new byte[ImportChunkSize];
        var first = new ImportTmxRequest
        {
            Memory = request.Memory,
            SourceLanguage = request.SourceLanguage?.Value ?? string.Empty,
            TargetLanguage = request.TargetLanguage?.Value ?? string.Empty,
            SkipInvalid = request.SkipInvalid,
            User = request.User ?? string.Empty,
        };
        await call.RequestStream.WriteAsync(first, cancellationToken);
        long sent = 0;
        int read;
        while ((read = await tmx.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
            sent += read;
            progress?.Invoke(sent);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        var rejected = response.Rejected.Select(r => new ImportRejection(r.Line, r.Column, r.Reason)).ToList();
        return new TmxImportResult(
            new ImportSummary(response.Read, response.Added, response.Updated, rejected)
            {
                RejectedCount = response.RejectedCount,
                Skipped = response.Skipped.Select(s => new ImportSkip(s.Reason, s.Count)).ToList(),
            },
            response.MemoryCreated);
    }

    public async Task ExportAsync(string memory, Stream output, CancellationToken cancellationToken)
    {
        using var call = _tmx.ExportTmx(new ExportTmxRequest { Memory = memory }, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            await output.WriteAsync(call.ResponseStream.Current.Data.Memory, cancellationToken);
        }
    }

    public Task PrepareLookupAsync(string memory, LanguageTag? language, Func<long, Action<long>> startProgress, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public async Task<IReadOnlyList<LookupMatch>> LookupAsync(LookupQuery query, CancellationToken cancellationToken)
    {
        LookupResponse response;
        try
        {
            response = await _lookup.LookupAsync(
                new LookupRequest
                {
                    Memory = query.Memory,
                    Text = query.Text,
                    Language = query.Language?.Value ?? string.Empty,
                    MinScore = query.MinScore,
                    MaxResults = query.MaxResults,
                    PreviousText = query.PreviousText ?? string.Empty,
                    NextText = query.NextText ?? string.Empty,
                },
                cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.InvalidArgument)
        {
            // The same error the local backend throws, with the field the server named, so the
            // command can tell a refused line from a failed command.
            var field = exception.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.FirstOrDefault()?.Field;
            throw new TarjumaException(ErrorKind.InvalidArgument, exception.Status.Detail, field, exception);
        }

        return [.. response.Matches.Select(ToDomain)];
    }

    public async Task<(IReadOnlyList<ConcordanceResult> Hits, int Total)> ConcordanceAsync(string memory, string phrase, ConcordanceSide side, int skip, int take, CancellationToken cancellationToken)
    {
        var request = new ConcordanceRequest
        {
            Memory = memory,
            Query = phrase,
            Side = side switch
            {
                ConcordanceSide.Source => ConcordanceRequest.Types.Side.Source,
                ConcordanceSide.Target => ConcordanceRequest.Types.Side.Target,
                _ => ConcordanceRequest.Types.Side.Both,
            },
            PageSize = take,
            PageToken = skip == 0 ? string.Empty : skip.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var response = await _documents.ConcordanceAsync(request, cancellationToken: cancellationToken);
        var hits = response.Hits.Select(h => new ConcordanceResult(
            h.Unit.ToDomain("unit", null, default),
            memory,
            [.. h.SourceRanges.Select(r => new Core.Model.TextRange(r.Start, r.Length))],
            [.. h.TargetRanges.Select(r => new Core.Model.TextRange(r.Start, r.Length))])).ToList();
        var total = response.NextPageToken.Length == 0 ? skip + hits.Count : int.MaxValue;
        return (hits, total);
    }

    public async Task<AnalysisReport> AnalyzeAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var response = await _documents.AnalyzeAsync(ToProto(query), cancellationToken: cancellationToken);
        var bands = Enum.GetValues<AnalysisBand>();
        return new AnalysisReport([.. response.Bands.Select((b, i) => new AnalysisRow(bands[i], (int)b.Segments, b.Words, b.Characters))]);
    }

    public async Task<IReadOnlyList<DocumentSegment>> PretranslateAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var response = await _documents.PretranslateAsync(ToProto(query), cancellationToken: cancellationToken);
        return [.. response.Segments.Select(s => new DocumentSegment(s.Text, s.Start, s.Length, s.Match is null ? null : ToDomain(s.Match)))];
    }

    public async Task<XliffLeverageSummary> PretranslateXliffAsync(string memory, Func<Stream> openInput, Stream output, XliffLeverageOptions options, CancellationToken cancellationToken)
    {
        using var call = _documents.PretranslateXliff(cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(
            new PretranslateXliffRequest { Memory = memory, MinScore = options.MinScore, FillMinScore = options.FillMinScore, MaxCandidates = options.MaxCandidates, Overwrite = options.Overwrite },
            cancellationToken);
        await using (var input = openInput())
        {
            var buffer = new byte[ImportChunkSize];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await call.RequestStream.WriteAsync(new PretranslateXliffRequest { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
            }
        }

        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            var message = call.ResponseStream.Current;
            if (message.Summary is { } summary)
            {
                return new XliffLeverageSummary(
                    summary.Version, summary.Units, summary.SkippedUnits, summary.Segments, summary.SegmentsWithCandidates, summary.FilledSegments,
                    summary.UnplaceableSegments, [.. summary.Filled.Select(b => (int)b.Segments)], [.. summary.Best.Select(b => (int)b.Segments)]);
            }

            await output.WriteAsync(message.Data.Memory, cancellationToken);
        }

        throw new TarjumaException(ErrorKind.FailedPrecondition, "the server ended PretranslateXliff without a summary; the output is incomplete.", "--server");
    }

    private static DocumentRequest ToProto(DocumentQuery query)
    {
        var request = new DocumentRequest
        {
            Memory = query.Memory,
            Language = query.Language?.Value ?? string.Empty,
            Text = query.Text ?? string.Empty,
            MinScore = query.MinScore,
        };
        request.Segments.AddRange(query.Segments ?? []);
        return request;
    }

    private static LookupMatch ToDomain(Match match) =>
        new(match.Score, match.Unit.ToDomain("unit", null, default), match.Memory)
        {
            Suggestion = match.Suggestion is null ? null : ProtoMapper.ToDomain(match.Suggestion, "suggestion"),
            TargetAdjusted = match.TargetAdjusted,
            RawScore = match.RawScore,
            Differences = [.. match.Differences.Select(r => new Core.Model.TextRange(r.Start, r.Length))],
            NotCarried = [.. match.NotCarried.Select(r => new Core.Model.TextRange(r.Start, r.Length))],
        };

    public async Task<AlignDocumentsResult> AlignAsync(AlignDocumentsRequest request, CancellationToken cancellationToken)
    {
        var proto = new AlignRequest
        {
            SourceText = request.SourceText ?? string.Empty,
            TargetText = request.TargetText ?? string.Empty,
            SourceLanguage = request.SourceLanguage.Value,
            TargetLanguage = request.TargetLanguage.Value,
            Memory = request.AddToMemory ? request.Memory ?? string.Empty : string.Empty,
            MinConfidence = request.MinConfidence,
        };
        proto.SourceSegments.AddRange(request.SourceSegments ?? []);
        proto.TargetSegments.AddRange(request.TargetSegments ?? []);
        var response = await _alignment.AlignAsync(proto, cancellationToken: cancellationToken);
        var beads = response.Beads.Select(b => new Tarjuma.Alignment.Bead(
            b.SourceIndices.Count > 0 ? b.SourceIndices[0] : NextStart(b, response, source: true), b.SourceIndices.Count,
            b.TargetIndices.Count > 0 ? b.TargetIndices[0] : NextStart(b, response, source: false), b.TargetIndices.Count,
            b.Confidence, b.NeedsReview)).ToList();
        return new AlignDocumentsResult(beads, [.. response.SourceSegments], [.. response.TargetSegments], (int)response.Added, (int)response.Updated);
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
