using Tarjuma.Client;
using Tarjuma.Protos.V1;

namespace Tarjuma.CommandLine.Backends;

/// <summary>Talks to a running server through <see cref="TarjumaClient"/>: its results pass straight through.</summary>
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

    public Task<CreateKeyResponse> CreateKeyAsync(string name, bool admin, IReadOnlyList<string> grants, CancellationToken cancellationToken) =>
        _client.CreateKeyAsync(name, admin, grants, cancellationToken);

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken cancellationToken) => _client.ListKeysAsync(cancellationToken);

    public Task<ApiKeyInfo> RevokeKeyAsync(string id, CancellationToken cancellationToken) => _client.RevokeKeyAsync(id, cancellationToken);

    public Task<Memory> CreateMemoryAsync(string name, string sourceLanguage, string targetLanguage, string description,
        CancellationToken cancellationToken) =>
        _client.CreateMemoryAsync(name, sourceLanguage, targetLanguage, description, cancellationToken);

    public Task<Memory> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken) =>
        _client.UpdateMemoryAsync(name, description, cancellationToken);

    public Task<IReadOnlyList<Memory>> ListMemoriesAsync(CancellationToken cancellationToken) => _client.ListMemoriesAsync(cancellationToken);

    public async Task<(Memory Memory, MemoryStatistics Statistics)> ShowMemoryAsync(string name, CancellationToken cancellationToken)
    {
        var memory = await _client.GetMemoryAsync(name, cancellationToken);
        return (memory, await _client.GetMemoryStatisticsAsync(name, cancellationToken));
    }

    public async Task<(Memory Memory, MemoryAbbreviations Abbreviations)> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken)
    {
        var info = await _client.GetMemoryAsync(memory, cancellationToken);
        return (info, await _client.GetAbbreviationsAsync(memory, cancellationToken));
    }

    public Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken) =>
        _client.EditAbbreviationsAsync(memory, add, remove, cancellationToken);

    public Task DeleteMemoryAsync(string name, CancellationToken cancellationToken) => _client.DeleteMemoryAsync(name, cancellationToken);

    public Task<ImportTmxResponse> ImportAsync(TmxImportOptions options, Stream tmx, Action<long>? progress, CancellationToken cancellationToken) =>
        _client.ImportTmxAsync(options, tmx, progress is null ? null : new Reporter(progress), cancellationToken);

    public Task ExportAsync(string memory, Stream output, CancellationToken cancellationToken) =>
        _client.ExportTmxAsync(memory, output, progress: null, cancellationToken);

    /// <summary>Nothing to prepare: the server keeps its own index.</summary>
    public Task PrepareLookupAsync(string memory, string? language, Func<long, Action<long>> startProgress, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>A refusal stays the client's exception, with the field the server named: the command tells a refused line from a failed command.</summary>
    public async Task<IReadOnlyList<Match>> LookupAsync(LookupRequest request, CancellationToken cancellationToken) =>
        [.. (await _client.LookupAsync(request, cancellationToken)).Matches];

    /// <summary>
    /// Pages through the server's own tokens up to <paramref name="skip"/> + <paramref name="take"/> hits.
    /// The server counts no total: it is known only when the last page was reached, else null.
    /// </summary>
    public async Task<(IReadOnlyList<ConcordanceHit> Hits, int? Total)> ConcordanceAsync(string memory, string phrase, ConcordanceSide side, int skip,
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
        var hits = new List<ConcordanceHit>();
        Page<ConcordanceHit> page;
        do
        {
            page = await _client.ConcordanceAsync(request, cancellationToken);
            hits.AddRange(page.Items);
            request.PageToken = page.NextPageToken ?? string.Empty;
        }
        while (!page.IsLast && hits.Count < skip + take);

        return ([.. hits.Skip(skip).Take(take)], page.IsLast && hits.Count <= skip + take ? hits.Count : null);
    }

    public Task<AnalyzeResponse> AnalyzeAsync(DocumentRequest request, CancellationToken cancellationToken) =>
        _client.AnalyzeAsync(request, cancellationToken);

    public Task<IReadOnlyList<PretranslatedSegment>> PretranslateAsync(DocumentRequest request, CancellationToken cancellationToken) =>
        _client.PretranslateAsync(request, cancellationToken);

    public async Task<XliffSummary> PretranslateXliffAsync(XliffPretranslateOptions options, Func<Stream> openInput, Stream output,
        CancellationToken cancellationToken)
    {
        await using var input = openInput();
        return await _client.PretranslateXliffAsync(options, input, output, progress: null, cancellationToken);
    }

    public Task<AlignResponse> AlignAsync(AlignRequest request, CancellationToken cancellationToken) => _client.AlignAsync(request, cancellationToken);

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
