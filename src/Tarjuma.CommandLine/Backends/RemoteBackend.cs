using Tarjuma.Client;
using Tarjuma.Core.Alignment;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Xliff;
using Tarjuma.Protos.V1;
using MemoryAbbreviations = Tarjuma.Core.Segmentation.Learning.MemoryAbbreviations;

namespace Tarjuma.CommandLine.Backends;

/// <summary>Talks to a running server through <see cref="TarjumaClient"/> (the contract only, no server types).</summary>
internal sealed class RemoteBackend : ITarjumaBackend
{
    /// <summary>
    /// A person waits at the terminal and can press Ctrl+C: unary calls (a big analysis or alignment)
    /// get minutes, streams (imports, exports and XLIFF files of any size) no deadline.
    /// </summary>
    private static readonly TarjumaClientOptions CommandLineOptions = new()
    {
        Deadline = TimeSpan.FromMinutes(10),
        StreamingDeadline = Timeout.InfiniteTimeSpan,
    };

    private readonly TarjumaClient _client;

    private RemoteBackend(TarjumaClient client) => _client = client;

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
            throw CommandLineException.InvalidArgument("--server", $"'{address}' is not an http:// or https:// URL.");
        }

        return new RemoteBackend(TarjumaClient.Create(address, apiKey, CommandLineOptions));
    }

    /// <summary>Environment variable with the API key the CLI sends (not an option: it would show in process lists).</summary>
    public const string ApiKeyVariable = "TARJUMA_API_KEY";

    public async Task<CreatedApiKey> CreateKeyAsync(NewApiKey key, CancellationToken cancellationToken)
    {
        var created = await _client.CreateKeyAsync(key.Name, key.IsAdmin, key.Grants.Select(g => g.ToString()), cancellationToken);
        return new CreatedApiKey(RemoteResults.ToKey(created.Key), created.Secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken) =>
        [.. (await _client.ListKeysAsync(cancellationToken)).Select(RemoteResults.ToKey)];

    public async Task<ApiKey> RevokeKeyAsync(string id, CancellationToken cancellationToken) =>
        RemoteResults.ToKey(await _client.RevokeKeyAsync(id, cancellationToken));

    public async Task<MemoryInfo> CreateMemoryAsync(NewMemory memory, CancellationToken cancellationToken) =>
        RemoteResults.ToMemory(await _client.CreateMemoryAsync(memory.Name, memory.SourceLanguage.Value, memory.TargetLanguage.Value, memory.Description,
            cancellationToken));

    public async Task<MemoryInfo> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken) =>
        RemoteResults.ToMemory(await _client.UpdateMemoryAsync(name, description, cancellationToken));

    public async Task<IReadOnlyList<MemoryInfo>> ListMemoriesAsync(CancellationToken cancellationToken) =>
        [.. (await _client.ListMemoriesAsync(cancellationToken)).Select(RemoteResults.ToMemory)];

    public async Task<(MemoryInfo Memory, Core.Model.MemoryStatistics Statistics)> ShowMemoryAsync(string name, CancellationToken cancellationToken)
    {
        var memory = await _client.GetMemoryAsync(name, cancellationToken);
        var s = await _client.GetMemoryStatisticsAsync(name, cancellationToken);
        return (RemoteResults.ToMemory(memory), new Core.Model.MemoryStatistics(
            s.UnitCount, s.DistinctSources, s.SourceWords, s.TargetWords, s.SourceCharacters, s.TargetCharacters, s.LastChangedAt?.ToDateTimeOffset()));
    }

    public async Task<(MemoryInfo Memory, MemoryAbbreviations Abbreviations)> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken)
    {
        var info = await _client.GetMemoryAsync(memory, cancellationToken);
        var abbreviations = await _client.GetAbbreviationsAsync(memory, cancellationToken);
        return (RemoteResults.ToMemory(info), RemoteResults.ToAbbreviations(abbreviations));
    }

    public async Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken) =>
        RemoteResults.ToAbbreviations(await _client.EditAbbreviationsAsync(memory, add, remove, cancellationToken));

    public Task DeleteMemoryAsync(string name, CancellationToken cancellationToken) => _client.DeleteMemoryAsync(name, cancellationToken);

    public async Task<TmxImportResult> ImportAsync(TmxImportRequest request, Stream tmx, Action<long>? progress, CancellationToken cancellationToken)
    {
        var options = new TmxImportOptions(request.Memory)
        {
            SourceLanguage = request.SourceLanguage?.Value,
            TargetLanguage = request.TargetLanguage?.Value,
            SkipInvalid = request.SkipInvalid,
            User = request.User,
        };
        var response = await _client.ImportTmxAsync(options, tmx, progress is null ? null : new Reporter(progress), cancellationToken);
        return new TmxImportResult(RemoteResults.ToImportSummary(response), response.MemoryCreated);
    }

    public Task ExportAsync(string memory, Stream output, CancellationToken cancellationToken) =>
        _client.ExportTmxAsync(memory, output, progress: null, cancellationToken);

    /// <summary>Nothing to prepare: the server keeps its own index.</summary>
    public Task PrepareLookupAsync(string memory, LanguageTag? language, Func<long, Action<long>> startProgress, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public async Task<IReadOnlyList<LookupMatch>> LookupAsync(LookupQuery query, CancellationToken cancellationToken)
    {
        var request = new LookupRequest
        {
            Memory = query.Memory,
            Text = query.Text,
            Language = query.Language?.Value ?? string.Empty,
            MinScore = query.MinScore,
            MaxResults = query.MaxResults,
            PreviousText = query.PreviousText ?? string.Empty,
            NextText = query.NextText ?? string.Empty,
        };
        // A refusal stays the client's exception, with the field the server named: the command tells a refused line from a failed command.
        var response = await _client.LookupAsync(request, cancellationToken);
        return [.. response.Matches.Select(RemoteResults.ToMatch)];
    }

    /// <summary>
    /// Pages through the server's own tokens up to <paramref name="skip"/> + <paramref name="take"/> hits.
    /// The server counts no total: it is known only when the last page was reached, else null.
    /// </summary>
    public async Task<(IReadOnlyList<ConcordanceResult> Hits, int? Total)> ConcordanceAsync(string memory, string phrase, ConcordanceSide side, int skip,
        int take, CancellationToken cancellationToken)
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
        };
        var hits = new List<Protos.V1.ConcordanceHit>();
        Page<Protos.V1.ConcordanceHit> page;
        do
        {
            page = await _client.ConcordanceAsync(request, cancellationToken);
            hits.AddRange(page.Items);
            request.PageToken = page.NextPageToken ?? string.Empty;
        }
        while (!page.IsLast && hits.Count < skip + take);

        var results = hits.Skip(skip).Take(take).Select(h => new ConcordanceResult(
            RemoteResults.ToUnit(h.Unit), memory, RemoteResults.ToRanges(h.SourceRanges), RemoteResults.ToRanges(h.TargetRanges))).ToList();
        return (results, page.IsLast && hits.Count <= skip + take ? hits.Count : null);
    }

    public async Task<AnalysisReport> AnalyzeAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        RemoteResults.ToReport(await _client.AnalyzeAsync(ToProto(query), cancellationToken));

    public async Task<IReadOnlyList<DocumentSegment>> PretranslateAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var segments = await _client.PretranslateAsync(ToProto(query), cancellationToken);
        return [.. segments.Select(s => new DocumentSegment(s.Text, s.Start, s.Length, s.Match is null ? null : RemoteResults.ToMatch(s.Match)))];
    }

    public async Task<XliffLeverageSummary> PretranslateXliffAsync(string memory, Func<Stream> openInput, Stream output, XliffLeverageOptions options,
        CancellationToken cancellationToken)
    {
        var request = new XliffPretranslateOptions(memory)
        {
            MinScore = options.MinScore,
            FillMinScore = options.FillMinScore,
            MaxCandidates = options.MaxCandidates,
            Overwrite = options.Overwrite,
        };
        await using var input = openInput();
        return RemoteResults.ToXliffSummary(await _client.PretranslateXliffAsync(request, input, output, progress: null, cancellationToken));
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
        var response = await _client.AlignAsync(proto, cancellationToken);
        var beads = response.Beads.Select(b => new Tarjuma.Core.Alignment.Bead(
            b.SourceIndices.Count > 0 ? b.SourceIndices[0] : NextStart(b, response, source: true), b.SourceIndices.Count,
            b.TargetIndices.Count > 0 ? b.TargetIndices[0] : NextStart(b, response, source: false), b.TargetIndices.Count,
            b.Confidence, b.NeedsReview)).ToList();
        return new AlignDocumentsResult(beads, [.. response.SourceSegments], [.. response.TargetSegments], (int)response.Added, (int)response.Updated);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reports at once, on the sending thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class Reporter(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
