using Tarjuma.Core.Alignment;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Xliff;

namespace Tarjuma.CommandLine.Backends;

/// <summary>
/// What the commands need, whether the memories are in a local database file or behind a running
/// server: each command is written once against this.
/// </summary>
internal interface ITarjumaBackend : IAsyncDisposable
{
    Task<MemoryInfo> CreateMemoryAsync(NewMemory memory, CancellationToken cancellationToken);

    Task<IReadOnlyList<MemoryInfo>> ListMemoriesAsync(CancellationToken cancellationToken);

    Task<(MemoryInfo Memory, MemoryStatistics Statistics)> ShowMemoryAsync(string name, CancellationToken cancellationToken);

    Task DeleteMemoryAsync(string name, CancellationToken cancellationToken);

    Task<MemoryInfo> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken);

    Task<TmxImportResult> ImportAsync(TmxImportRequest request, Stream tmx, Action<long>? progress, CancellationToken cancellationToken);

    Task ExportAsync(string memory, Stream output, CancellationToken cancellationToken);

    /// <summary>
    /// Builds what lookups in <paramref name="memory"/> need before the first one: a database's
    /// in-process index (a server has its own). <paramref name="startProgress"/> is told how many
    /// units will be indexed and returns where to report the count done.
    /// </summary>
    Task PrepareLookupAsync(string memory, LanguageTag? language, Func<long, Action<long>> startProgress, CancellationToken cancellationToken);

    Task<IReadOnlyList<LookupMatch>> LookupAsync(LookupQuery query, CancellationToken cancellationToken);

    /// <summary>Hits <paramref name="skip"/>.. of a phrase; Total null when the backend cannot know it.</summary>
    Task<(IReadOnlyList<ConcordanceResult> Hits, int? Total)> ConcordanceAsync(string memory, string phrase, ConcordanceSide side, int skip, int take,
        CancellationToken cancellationToken);

    Task<AnalysisReport> AnalyzeAsync(DocumentQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<DocumentSegment>> PretranslateAsync(DocumentQuery query, CancellationToken cancellationToken);

    /// <summary>Leverages the XLIFF document <paramref name="openInput"/> opens against <paramref name="memory"/> into <paramref name="output"/>.</summary>
    Task<XliffLeverageSummary> PretranslateXliffAsync(string memory, Func<Stream> openInput, Stream output, XliffLeverageOptions options,
        CancellationToken cancellationToken);

    Task<AlignDocumentsResult> AlignAsync(AlignDocumentsRequest request, CancellationToken cancellationToken);

    Task<CreatedApiKey> CreateKeyAsync(NewApiKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken);

    /// <summary>The memory and its abbreviations, to segment by its rules; NotFound when there is no such memory.</summary>
    Task<(MemoryInfo Memory, MemoryAbbreviations Abbreviations)> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken);

    /// <summary>An administrator adds or removes entries of a memory's abbreviations; returns them afterwards.</summary>
    Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken);

    /// <summary>Revokes the key; NotFound when there is no such key.</summary>
    Task<ApiKey> RevokeKeyAsync(string id, CancellationToken cancellationToken);
}
