using Tarjuma.Client;
using Tarjuma.Protos.V1;

namespace Tarjuma.CommandLine.Backends;

/// <summary>
/// What the commands need, whether the memories are in a local database file or behind a running
/// server: each command is written once against this. It speaks the contract (Tarjuma.Client's options
/// and the messages it returns), so the command line needs no engine types; the local backend maps the
/// engine's results to them as the server does. Names and languages arrive checked and canonical.
/// Refusals are the client's typed exceptions (<see cref="TarjumaRpcException"/>) or, from a local
/// database, the composition root's own errors.
/// </summary>
internal interface ITarjumaBackend : IAsyncDisposable
{
    Task<Memory> CreateMemoryAsync(string name, string sourceLanguage, string targetLanguage, string description, CancellationToken cancellationToken);

    Task<IReadOnlyList<Memory>> ListMemoriesAsync(CancellationToken cancellationToken);

    Task<(Memory Memory, MemoryStatistics Statistics)> ShowMemoryAsync(string name, CancellationToken cancellationToken);

    Task DeleteMemoryAsync(string name, CancellationToken cancellationToken);

    Task<Memory> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken);

    /// <summary>Imports the TMX <paramref name="tmx"/> as it is read (never buffered whole).</summary>
    Task<ImportTmxResponse> ImportAsync(TmxImportOptions options, Stream tmx, Action<long>? progress, CancellationToken cancellationToken);

    Task ExportAsync(string memory, Stream output, CancellationToken cancellationToken);

    /// <summary>
    /// Builds what lookups in <paramref name="memory"/> need before the first one: a database's
    /// in-process index (a server has its own). <paramref name="startProgress"/> is told how many
    /// units will be indexed and returns where to report the count done.
    /// </summary>
    Task PrepareLookupAsync(string memory, string? language, Func<long, Action<long>> startProgress, CancellationToken cancellationToken);

    /// <summary>The matches, best first; a refused text is a <see cref="TarjumaInvalidArgumentException"/> naming the field.</summary>
    Task<IReadOnlyList<Match>> LookupAsync(LookupRequest request, CancellationToken cancellationToken);

    /// <summary>Hits <paramref name="skip"/>.. of a phrase; Total null when the backend cannot know it.</summary>
    Task<(IReadOnlyList<ConcordanceHit> Hits, int? Total)> ConcordanceAsync(string memory, string phrase, ConcordanceSide side, int skip, int take,
        CancellationToken cancellationToken);

    /// <summary>Every band, in the order of the contract's band names, and the total.</summary>
    Task<AnalyzeResponse> AnalyzeAsync(DocumentRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<PretranslatedSegment>> PretranslateAsync(DocumentRequest request, CancellationToken cancellationToken);

    /// <summary>Leverages the XLIFF document <paramref name="openInput"/> opens into <paramref name="output"/>.</summary>
    Task<XliffSummary> PretranslateXliffAsync(XliffPretranslateOptions options, Func<Stream> openInput, Stream output, CancellationToken cancellationToken);

    Task<AlignResponse> AlignAsync(AlignRequest request, CancellationToken cancellationToken);

    /// <summary>Creates a key; <paramref name="grants"/> as the contract spells them (<c>MEMORY:read</c>).</summary>
    Task<CreateKeyResponse> CreateKeyAsync(string name, bool admin, IReadOnlyList<string> grants, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken cancellationToken);

    /// <summary>The memory and its abbreviations, to segment by its rules; NotFound when there is no such memory.</summary>
    Task<(Memory Memory, MemoryAbbreviations Abbreviations)> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken);

    /// <summary>An administrator adds or removes entries of a memory's abbreviations; returns them afterwards.</summary>
    Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken);

    /// <summary>Revokes the key; NotFound when there is no such key.</summary>
    Task<ApiKeyInfo> RevokeKeyAsync(string id, CancellationToken cancellationToken);
}
