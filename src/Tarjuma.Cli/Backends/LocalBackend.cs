using Tarjuma.Alignment;
using Tarjuma.Cli.Files;
using Tarjuma.Client;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Files;
using Tarjuma.Core.Alignment;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Xliff;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Storage.Sqlite;
using ConcordanceSide = Tarjuma.CommandLine.Backends.ConcordanceSide;
using Memory = Tarjuma.Protos.V1.Memory;
using MemoryAbbreviations = Tarjuma.Protos.V1.MemoryAbbreviations;
using MemoryStatistics = Tarjuma.Protos.V1.MemoryStatistics;

namespace Tarjuma.Cli.Backends;

/// <summary>
/// Works directly on a SQLite database file, with the same engine the server runs, and answers in the
/// contract's messages as the server does (its <see cref="ProtoMapper"/>: one mapping, per result; the TMX
/// stream goes to the engine as it is read). The commands checked names and languages already, with the
/// options' names as fields; they are parsed again here into the engine's types under the same names.
/// </summary>
internal sealed class LocalBackend(StorePorts ports, IndexedMemoryStore store) : ITarjumaBackend
{
    /// <summary>The command line's local backend (<see cref="OpenDatabase"/>): <c>--db</c> checked by <see cref="DatabaseFile"/>, then opened.</summary>
    public static ITarjumaBackend OpenDatabase(string? databasePath, DatabaseUse use) => Open(DatabaseFile.Resolve(databasePath, use));

    /// <summary>Opens <paramref name="databasePath"/>, resolved by <see cref="DatabaseFile"/> first.</summary>
    public static LocalBackend Open(string databasePath)
    {
        var ports = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = databasePath });
        return new(ports, new IndexedMemoryStore(ports.Memories));
    }

    /// <summary>The database's key store (the server reads keys from the same store).</summary>
    private IApiKeyStore Keys => ports.Keys;

    /// <summary>The database's abbreviation store (the server keeps them in the same store).</summary>
    private IAbbreviationStore Abbreviations => ports.Abbreviations;

    public async Task<(Memory Memory, MemoryAbbreviations Abbreviations)> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken)
    {
        var (info, abbreviations) = await GetEngineAbbreviationsAsync(memory, cancellationToken);
        return (info.ToProto(), abbreviations.ToProto());
    }

    public async Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken) =>
        (await Abbreviations.EditAbbreviationsAsync(MemoryName.Validate(memory, "--memory"), add, remove, cancellationToken)).ToProto();

    public async Task<CreateKeyResponse> CreateKeyAsync(string name, bool admin, IReadOnlyList<string> grants, CancellationToken cancellationToken) =>
        (await Keys.CreateAsync(new NewApiKey(name, admin, [.. grants.Select(g => KeyGrant.Parse(g, "--grant"))]), cancellationToken)).ToProto();

    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken cancellationToken) =>
        [.. (await Keys.ListAsync(cancellationToken)).Select(k => k.ToProto())];

    public async Task<ApiKeyInfo> RevokeKeyAsync(string id, CancellationToken cancellationToken) =>
        (await Keys.RevokeExistingAsync(id, "id", cancellationToken)).ToProto();

    public async Task<Memory> CreateMemoryAsync(string name, string sourceLanguage, string targetLanguage, string description,
        CancellationToken cancellationToken)
    {
        var memory = new NewMemory(name, LanguageTag.Parse(sourceLanguage, "--source-lang"), LanguageTag.Parse(targetLanguage, "--target-lang"), description);
        return (await store.CreateMemoryAsync(memory, cancellationToken)).ToProto();
    }

    public async Task<IReadOnlyList<Memory>> ListMemoriesAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListMemoriesAsync(cancellationToken)).Select(m => m.ToProto())];

    public async Task<(Memory Memory, MemoryStatistics Statistics)> ShowMemoryAsync(string name, CancellationToken cancellationToken)
    {
        var memory = await store.FindMemoryAsync(MemoryName.Validate(name), cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
        return (memory.ToProto(), (await store.GetStatisticsAsync(name, cancellationToken)).ToProto(name));
    }

    public Task DeleteMemoryAsync(string name, CancellationToken cancellationToken) =>
        store.DeleteMemoryAsync(name, cancellationToken);

    public async Task<Memory> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken) =>
        (await store.UpdateMemoryDescriptionAsync(name, description, cancellationToken)).ToProto();

    /// <summary>
    /// Imports, then learns the memory's abbreviations when it has grown enough (the server does this in
    /// the background): into an empty memory from the sources counted while they were written.
    /// </summary>
    public async Task<ImportTmxResponse> ImportAsync(TmxImportOptions options, Stream tmx, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var request = new TmxImportRequest(
            MemoryName.Validate(options.Memory, "--memory"),
            options.SourceLanguage is { } source ? LanguageTag.Parse(source, "--source-lang") : null,
            options.TargetLanguage is { } target ? LanguageTag.Parse(target, "--target-lang") : null,
            options.SkipInvalid,
            options.User);
        var learning = await ImportLearning.StartAsync(store, request.Memory, cancellationToken);
        var result = await TmxExchange.ImportAsync(store, request, tmx, progress, learning is null ? null : learning.Add, cancellationToken);
        if (learning is not null)
        {
            await learning.FinishAsync(store, Abbreviations, request.Memory, cancellationToken);
        }
        else
        {
            await MemoryAbbreviationLearning.LearnIfDueAsync(store, Abbreviations, request.Memory, cancellationToken);
        }

        return result.ToProto();
    }

    public Task ExportAsync(string memory, Stream output, CancellationToken cancellationToken) =>
        TmxExchange.ExportAsync(store, memory, output, cancellationToken);

    public async Task PrepareLookupAsync(string memory, string? language, Func<long, Action<long>> startProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startProgress);
        var info = await store.FindMemoryAsync(MemoryName.Validate(memory, "--memory"), cancellationToken) ?? throw TarjumaException.MemoryNotFound(memory);
        await store.GetIndexAsync(info, MemoryLookup.ResolveSide(info, LanguageOf(language)), startProgress(info.UnitCount), cancellationToken);
    }

    /// <summary>
    /// The request is read as the server reads it (<see cref="ProtoMapper.ToQuery(LookupRequest)"/>), and refusals come as
    /// the client's exceptions, as from a server (the same status, field and message the server's <see cref="ErrorInterceptor"/>
    /// would send), so the command handles one type whichever backend ran.
    /// </summary>
    public async Task<IReadOnlyList<Match>> LookupAsync(LookupRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await MemoryLookup.LookupAsync(store, request.ToQuery(), cancellationToken)).Select(m => m.ToProto())];
        }
        catch (TarjumaException exception)
        {
            throw TarjumaRpcException.From(ErrorInterceptor.ToRpcException(exception));
        }
    }

    public async Task<(IReadOnlyList<ConcordanceHit> Hits, int? Total)> ConcordanceAsync(string memory, string phrase, ConcordanceSide side, int skip,
        int take, CancellationToken cancellationToken)
    {
        var engineSide = side switch
        {
            ConcordanceSide.Source => Core.Lookup.ConcordanceSide.Source,
            ConcordanceSide.Target => Core.Lookup.ConcordanceSide.Target,
            _ => Core.Lookup.ConcordanceSide.Both,
        };
        var (hits, total) = await DocumentTools.ConcordanceAsync(store, memory, phrase, engineSide, skip, take, cancellationToken);
        return ([.. hits.Select(h => h.ToProto())], total);
    }

    public async Task<AnalyzeResponse> AnalyzeAsync(DocumentRequest request, CancellationToken cancellationToken) =>
        (await DocumentTools.AnalyzeAsync(store, await ToQueryAsync(request, cancellationToken), cancellationToken)).ToProto();

    public async Task<IReadOnlyList<PretranslatedSegment>> PretranslateAsync(DocumentRequest request, CancellationToken cancellationToken) =>
        [.. (await DocumentTools.PretranslateAsync(store, await ToQueryAsync(request, cancellationToken), cancellationToken)).Select(s => s.ToProto())];

    public async Task<XliffSummary> PretranslateXliffAsync(XliffPretranslateOptions options, Func<Stream> openInput, Stream output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new XliffLeverageOptions();
        var leverage = new XliffLeverageOptions
        {
            MinScore = options.MinScore ?? defaults.MinScore,
            FillMinScore = options.FillMinScore ?? defaults.FillMinScore,
            MaxCandidates = options.MaxCandidates ?? defaults.MaxCandidates,
            Overwrite = options.Overwrite,
        };
        var summary = await XliffLeverage.RunAsync(openInput, output, new IndexedXliffLookup(store, options.Memory), leverage.Validate(), cancellationToken);
        return summary.ToProto();
    }

    public async Task<AlignResponse> AlignAsync(AlignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presegmented = request.SourceSegments.Count > 0 || request.TargetSegments.Count > 0;
        var alignRequest = new AlignDocumentsRequest
        {
            SourceLanguage = LanguageTag.Parse(request.SourceLanguage, "--source-lang"),
            TargetLanguage = LanguageTag.Parse(request.TargetLanguage, "--target-lang"),
            SourceText = presegmented ? null : request.SourceText,
            TargetText = presegmented ? null : request.TargetText,
            SourceSegments = presegmented ? [.. request.SourceSegments] : null,
            TargetSegments = presegmented ? [.. request.TargetSegments] : null,
            Memory = NullIfEmpty(request.Memory),
            AddToMemory = request.Memory.Length > 0,
            MinConfidence = request.MinConfidence,
        };
        var result = await DocumentAlignment.AlignAsync(alignRequest, store, TimeProvider.System, cancellationToken);
        if (alignRequest.AddToMemory && alignRequest.Memory is { } memory)
        {
            await MemoryAbbreviationLearning.LearnIfDueAsync(store, Abbreviations, memory, cancellationToken);
        }

        return result.ToProto();
    }

    private async Task<(MemoryInfo Memory, Core.Segmentation.Learning.MemoryAbbreviations Abbreviations)> GetEngineAbbreviationsAsync(string memory,
        CancellationToken cancellationToken)
    {
        var info = await store.FindMemoryAsync(MemoryName.Validate(memory, "--memory"), cancellationToken) ?? throw TarjumaException.MemoryNotFound(memory);
        return (info, await Abbreviations.GetAbbreviationsAsync(memory, cancellationToken));
    }

    /// <summary>The engine's query; text to segment is cut by the memory's rules (its abbreviations), as the server does.</summary>
    private async Task<DocumentQuery> ToQueryAsync(DocumentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = request.Segments.Count > 0 ? [.. request.Segments] : (IReadOnlyList<string>?)null;
        var query = new DocumentQuery(request.Memory, LanguageOf(request.Language), segments is null ? request.Text : null, segments, request.MinScore);
        if (query.Segments is not null || string.IsNullOrEmpty(query.Text))
        {
            return query;
        }

        var (memory, abbreviations) = await GetEngineAbbreviationsAsync(query.Memory, cancellationToken);
        return query with { Rules = MemoryAbbreviationLearning.Rules(abbreviations, memory.SourceLanguage) };
    }

    /// <summary>The contract's empty string is "none"; the command checked the tag under <c>--lang</c>.</summary>
    private static LanguageTag? LanguageOf(string? language) => string.IsNullOrEmpty(language) ? null : LanguageTag.Parse(language, "--lang");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        ports.Dispose();
        return ValueTask.CompletedTask;
    }
}
