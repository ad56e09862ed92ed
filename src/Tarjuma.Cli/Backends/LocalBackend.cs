using Tarjuma.Alignment;
using Tarjuma.Cli.Files;
using Tarjuma.Client;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Files;
using Tarjuma.Core.Alignment;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Xliff;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Backends;

/// <summary>Works directly on a SQLite database file, with the same engine the server runs.</summary>
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

    public async Task<(MemoryInfo Memory, MemoryAbbreviations Abbreviations)> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken)
    {
        var info = await store.FindMemoryAsync(MemoryName.Validate(memory, "--memory"), cancellationToken) ?? throw TarjumaException.MemoryNotFound(memory);
        return (info, await Abbreviations.GetAbbreviationsAsync(memory, cancellationToken));
    }

    public Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken) =>
        Abbreviations.EditAbbreviationsAsync(MemoryName.Validate(memory, "--memory"), add, remove, cancellationToken);

    public Task<CreatedApiKey> CreateKeyAsync(NewApiKey key, CancellationToken cancellationToken) =>
        Keys.CreateAsync(key, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken) =>
        Keys.ListAsync(cancellationToken);

    public Task<ApiKey> RevokeKeyAsync(string id, CancellationToken cancellationToken) =>
        Keys.RevokeExistingAsync(id, "id", cancellationToken);

    public Task<MemoryInfo> CreateMemoryAsync(NewMemory memory, CancellationToken cancellationToken) =>
        store.CreateMemoryAsync(memory, cancellationToken);

    public Task<IReadOnlyList<MemoryInfo>> ListMemoriesAsync(CancellationToken cancellationToken) =>
        store.ListMemoriesAsync(cancellationToken);

    public async Task<(MemoryInfo Memory, MemoryStatistics Statistics)> ShowMemoryAsync(string name, CancellationToken cancellationToken)
    {
        var memory = await store.FindMemoryAsync(MemoryName.Validate(name), cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
        return (memory, await store.GetStatisticsAsync(name, cancellationToken));
    }

    public Task DeleteMemoryAsync(string name, CancellationToken cancellationToken) =>
        store.DeleteMemoryAsync(name, cancellationToken);

    public Task<MemoryInfo> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken) =>
        store.UpdateMemoryDescriptionAsync(name, description, cancellationToken);

    /// <summary>
    /// Imports, then learns the memory's abbreviations when it has grown enough (the server does this in
    /// the background): into an empty memory from the sources counted while they were written.
    /// </summary>
    public async Task<TmxImportResult> ImportAsync(TmxImportRequest request, Stream tmx, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var learning = await ImportLearning.StartAsync(store, MemoryName.Validate(request.Memory, "--memory"), cancellationToken);
        var result = await TmxExchange.ImportAsync(store, request, tmx, progress, learning is null ? null : learning.Add, cancellationToken);
        if (learning is not null)
        {
            await learning.FinishAsync(store, Abbreviations, request.Memory, cancellationToken);
        }
        else
        {
            await MemoryAbbreviationLearning.LearnIfDueAsync(store, Abbreviations, request.Memory, cancellationToken);
        }

        return result;
    }

    public Task ExportAsync(string memory, Stream output, CancellationToken cancellationToken) =>
        TmxExchange.ExportAsync(store, memory, output, cancellationToken);

    public async Task PrepareLookupAsync(string memory, LanguageTag? language, Func<long, Action<long>> startProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startProgress);
        var info = await store.FindMemoryAsync(MemoryName.Validate(memory, "--memory"), cancellationToken) ?? throw TarjumaException.MemoryNotFound(memory);
        await store.GetIndexAsync(info, MemoryLookup.ResolveSide(info, language), startProgress(info.UnitCount), cancellationToken);
    }

    /// <summary>
    /// Refusals come as the client's exceptions, as from a server (the same status, field and message the
    /// server's <see cref="ErrorInterceptor"/> would send), so the command handles one type whichever backend ran.
    /// </summary>
    public async Task<IReadOnlyList<LookupMatch>> LookupAsync(LookupQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await MemoryLookup.LookupAsync(store, query, cancellationToken);
        }
        catch (TarjumaException exception)
        {
            throw TarjumaRpcException.From(ErrorInterceptor.ToRpcException(exception));
        }
    }

    public async Task<(IReadOnlyList<ConcordanceResult> Hits, int? Total)> ConcordanceAsync(string memory, string phrase, ConcordanceSide side, int skip,
        int take, CancellationToken cancellationToken) =>
        await DocumentTools.ConcordanceAsync(store, memory, phrase, side, skip, take, cancellationToken);

    public async Task<AnalysisReport> AnalyzeAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        await DocumentTools.AnalyzeAsync(store, await WithMemoryRulesAsync(query, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<DocumentSegment>> PretranslateAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        await DocumentTools.PretranslateAsync(store, await WithMemoryRulesAsync(query, cancellationToken), cancellationToken);

    public Task<XliffLeverageSummary> PretranslateXliffAsync(string memory, Func<Stream> openInput, Stream output, XliffLeverageOptions options,
        CancellationToken cancellationToken) =>
        XliffLeverage.RunAsync(openInput, output, new IndexedXliffLookup(store, memory), options, cancellationToken);

    public async Task<AlignDocumentsResult> AlignAsync(AlignDocumentsRequest request, CancellationToken cancellationToken)
    {
        var result = await DocumentAlignment.AlignAsync(request, store, TimeProvider.System, cancellationToken);
        if (request.AddToMemory && request.Memory is { } memory)
        {
            await MemoryAbbreviationLearning.LearnIfDueAsync(store, Abbreviations, memory, cancellationToken);
        }

        return result;
    }

    /// <summary>Text to segment is cut by the memory's rules (its abbreviations), as the server does.</summary>
    private async Task<DocumentQuery> WithMemoryRulesAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Segments is not null || string.IsNullOrEmpty(query.Text))
        {
            return query;
        }

        var (memory, abbreviations) = await GetAbbreviationsAsync(query.Memory, cancellationToken);
        return query with { Rules = MemoryAbbreviationLearning.Rules(abbreviations, memory.SourceLanguage) };
    }

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        ports.Dispose();
        return ValueTask.CompletedTask;
    }
}
