using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Tmx;

namespace Tarjuma.Core.Exchange;

/// <summary>What an import is asked to do.</summary>
/// <param name="Memory">The memory to import into.</param>
/// <param name="SourceLanguage">Creates the memory when missing; must agree with it when present.</param>
/// <param name="TargetLanguage">As <paramref name="SourceLanguage"/>.</param>
/// <param name="SkipInvalid">Import the valid units and report the others, instead of failing.</param>
/// <param name="User">Recorded on units that name no creator.</param>
public sealed record TmxImportRequest(string Memory, LanguageTag? SourceLanguage, LanguageTag? TargetLanguage, bool SkipInvalid = false, string? User = null)
{
    /// <summary>Whether the import may create a missing memory (creating memories is an administrator's right).</summary>
    public bool MayCreateMemory { get; init; } = true;
}

/// <summary>An import's summary, and whether it created the memory.</summary>
public sealed record TmxImportResult(ImportSummary Summary, bool MemoryCreated);

/// <summary>
/// TMX import and export against any store: the one flow the server and the command line share.
/// </summary>
public static class TmxExchange
{
    /// <summary>Units a reader may run ahead of the store: enough to keep both busy, small enough to stay flat.</summary>
    private const int PipelineCapacity = 4_096;

    /// <summary>Added sources handed to <c>sourceAdded</c>'s thread at a time.</summary>
    private const int SourceBatch = 256;

    /// <summary>
    /// Imports a TMX stream. Atomic unless <see cref="TmxImportRequest.SkipInvalid"/>: on any error,
    /// cancellation or kill the memory is as it was, and a memory the import would have created does
    /// not exist (the store creates it in the import's transaction).
    /// </summary>
    public static Task<TmxImportResult> ImportAsync(
        IMemoryStore store, TmxImportRequest request, Stream tmx, Action<long>? progress, CancellationToken cancellationToken) =>
        ImportAsync(store, request, tmx, progress, sourceAdded: null, cancellationToken);

    /// <summary>
    /// As <see cref="ImportAsync(IMemoryStore, TmxImportRequest, Stream, Action{long}?, CancellationToken)"/>, and
    /// <paramref name="sourceAdded"/> is given each added unit's stored source (<see cref="ImportOptions.SourceAdded"/>),
    /// in order, on a thread of its own; every call has returned when the import returns.
    /// </summary>
    public static async Task<TmxImportResult> ImportAsync(IMemoryStore store, TmxImportRequest request, Stream tmx, Action<long>? progress,
        Action<string>? sourceAdded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var name = MemoryName.Validate(request.Memory);
        var memory = await store.FindMemoryAsync(name, cancellationToken);
        NewMemory? create = null;
        LanguageTag sourceLanguage, targetLanguage;
        if (memory is null)
        {
            if (!request.MayCreateMemory)
            {
                throw new TarjumaException(ErrorKind.PermissionDenied, $"memory '{name}' does not exist, and creating a memory needs an administrator key.",
                    "memory");
            }

            if (request.SourceLanguage is not { } source || request.TargetLanguage is not { } target)
            {
                throw TarjumaException.InvalidArgument("source_language", $"memory '{name}' does not exist; give source and target languages to create it.");
            }

            // Checked before the file is read: a bad tag fails at once, not after a long parse.
            MemoryLanguages.Validate(source, target);
            create = new NewMemory(name, source, target);
            (sourceLanguage, targetLanguage) = (source, target);
        }
        else
        {
            CheckAgrees(memory.SourceLanguage, request.SourceLanguage, "source_language", name);
            CheckAgrees(memory.TargetLanguage, request.TargetLanguage, "target_language", name);
            (sourceLanguage, targetLanguage) = (memory.SourceLanguage, memory.TargetLanguage);
        }

        using var reader = await TmxReader.OpenAsync(tmx, new TmxReadOptions(sourceLanguage, targetLanguage), cancellationToken);
        var items = reader.ReadUnitsAsync(cancellationToken);
        if (request.User is { } user)
        {
            items = AttributeTo(items, user);
        }

        // What the caller learns from the added sources runs on a thread of its own, not on the store's writer.
        using var added = sourceAdded is null ? null : new BackgroundCalls<string>(sourceAdded, SourceBatch, PipelineCapacity / SourceBatch);
        var options = new ImportOptions
        {
            SkipInvalid = request.SkipInvalid,
            Progress = progress,
            CreateMemory = create,
            SourceAdded = added is null ? null : added.Post,
        };
        var summary = await ImportPipelinedAsync(store, name, items, options, cancellationToken);
        if (added is not null)
        {
            await added.CompleteAsync();
        }

        // The reader has finished (the pipeline awaited it): its skips are complete.
        summary = summary with { Read = summary.Read + reader.SkippedCount, Skipped = reader.Skipped.ToList() };
        return new TmxImportResult(summary, summary.MemoryCreated);
    }

    /// <summary>Writes the whole memory as TMX 1.4b, streaming unit by unit.</summary>
    public static async Task ExportAsync(IMemoryStore store, string memory, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = MemoryName.Validate(memory);
        var info = await store.FindMemoryAsync(name, cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
        await TmxWriter.WriteAsync(output, info, store.StreamUnitsAsync(name, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The reader runs on its own thread, a bounded channel ahead of the store (<see cref="ReadAhead"/>):
    /// a reader failure reaches the store as a failure of its item stream (the import rolls back); a store
    /// failure stops the reader.
    /// </summary>
    private static Task<ImportSummary> ImportPipelinedAsync(IMemoryStore store, string name, IAsyncEnumerable<ImportItem> items, ImportOptions options,
        CancellationToken cancellationToken) =>
        ReadAhead.ConsumeAsync(items, static item => item, PipelineCapacity, ahead => store.ImportAsync(name, ahead, options, cancellationToken),
            cancellationToken);

    /// <summary>Units that name no creator are recorded as the importing user's.</summary>
    private static async IAsyncEnumerable<ImportItem> AttributeTo(IAsyncEnumerable<ImportItem> items, string user)
    {
        await foreach (var item in items)
        {
            yield return item.Unit is { CreatedBy: null } unit
                ? ImportItem.Accept(unit with { CreatedBy = user, ChangedBy = unit.ChangedBy ?? user })
                : item;
        }
    }

    private static void CheckAgrees(LanguageTag stored, LanguageTag? requested, string field, string memory)
    {
        if (requested is { } tag && !stored.Accepts(tag))
        {
            throw TarjumaException.InvalidArgument(field, $"memory '{memory}' is {stored}, not {tag}.");
        }
    }
}
