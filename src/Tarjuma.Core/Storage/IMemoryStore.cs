using System.Globalization;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Storage;

/// <summary>
/// The storage port: everything the engine and the services need from a store. The embedded
/// SQLite store and a PostgreSQL store implement it and pass the same contract test suite.
/// Every method throws <see cref="TarjumaException"/> for expected failures (missing memory,
/// duplicate name, invalid input) and honours its cancellation token. A completed write is durable.
/// </summary>
public interface IMemoryStore
{
    Task<MemoryInfo> CreateMemoryAsync(NewMemory memory, CancellationToken cancellationToken = default);

    /// <summary>The memory, or null when there is none of that name.</summary>
    Task<MemoryInfo?> FindMemoryAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MemoryInfo>> ListMemoriesAsync(CancellationToken cancellationToken = default);

    Task<MemoryInfo> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken = default);

    /// <summary>Deletes a memory with all its units; throws NotFound when it does not exist.</summary>
    Task DeleteMemoryAsync(string name, CancellationToken cancellationToken = default);

    Task<MemoryStatistics> GetStatisticsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds units in one transaction. A unit whose source and target (text and tags) equal a
    /// stored unit's is merged into it (metadata updated, <see cref="UnitWriteOutcome.Updated"/>).
    /// </summary>
    Task<IReadOnlyList<UnitWriteResult>> AddUnitsAsync(string memory, IReadOnlyList<TranslationUnit> units, CancellationToken cancellationToken = default);

    Task<TranslationUnit?> FindUnitAsync(string memory, long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The units with these ids, in the order asked; ids not in the memory are left out. One read
    /// for a lookup's matches instead of one per match.
    /// </summary>
    Task<IReadOnlyList<TranslationUnit>> FindUnitsAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default);

    /// <summary>Replaces the unit with <see cref="TranslationUnit.Id"/>; throws NotFound when absent.</summary>
    Task<TranslationUnit> UpdateUnitAsync(string memory, TranslationUnit unit, CancellationToken cancellationToken = default);

    /// <summary>Deletes a unit; throws NotFound when absent.</summary>
    Task DeleteUnitAsync(string memory, long id, CancellationToken cancellationToken = default);

    /// <summary>Units in id order with <c>Id &gt; afterId</c>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TranslationUnit>> ListUnitsAsync(string memory, long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>All units of a memory in id order, streamed (export, index build).</summary>
    IAsyncEnumerable<TranslationUnit> StreamUnitsAsync(string memory, CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports a stream of units atomically: either every item is applied or, when the stream
    /// throws, is cancelled, or yields a rejection while <see cref="ImportOptions.SkipInvalid"/> is
    /// off, nothing is and the memory is exactly as before.
    /// </summary>
    Task<ImportSummary> ImportAsync(string memory, IAsyncEnumerable<ImportItem> items, ImportOptions options, CancellationToken cancellationToken = default);

    /// <summary>Units whose <paramref name="side"/> text equals <paramref name="text"/> (NFC, ordinal).</summary>
    Task<IReadOnlyList<TranslationUnit>> FindExactAsync(string memory, MemorySide side, string text, CancellationToken cancellationToken = default);

    /// <summary>Records that units were used (suggested and accepted): usage count and date.</summary>
    Task RecordUsageAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sequence number of the latest committed change in the change log (0 when none). Cheap:
    /// a process serving the database polls it to learn that another process wrote.
    /// </summary>
    Task<long> GetLatestChangeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Change-log entries with a sequence above <paramref name="afterSequence"/>, oldest first, at
    /// most <paramref name="limit"/>. Every write that changes units or memories (not descriptions
    /// or usage counts) logs in its own transaction; a rolled-back write logs nothing.
    /// </summary>
    Task<ChangePage> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken = default);
}

/// <summary>Whether a write created a unit or merged into an existing one.</summary>
public enum UnitWriteOutcome
{
    Added = 0,
    Updated = 1,
}

public sealed record UnitWriteResult(long Id, UnitWriteOutcome Outcome);

public sealed record ImportOptions
{
    /// <summary>Import the valid units and report the rejected ones instead of failing the import.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Units written per batch inside the single import transaction.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>Called now and then with the number of items read so far (progress display).</summary>
    public Action<long>? Progress { get; init; }

    /// <summary>
    /// When set and the memory does not exist, the import creates it (with these languages) in its
    /// own transaction: a failed or killed import leaves no memory behind. When the memory exists,
    /// its languages must accept these.
    /// </summary>
    public NewMemory? CreateMemory { get; init; }

    /// <summary>
    /// Called with the stored (NFC) source text of each unit the import adds, in the order added (ids
    /// ascending), on the importing thread; not for units merged into a stored one. Lets the caller learn
    /// from an import without reading the memory back. Called before the commit: an import that fails
    /// has reported units it did not keep. The SQLite store calls it; the PostgreSQL store does not yet
    /// (only the command line's SQLite import uses it so far).
    /// </summary>
    public Action<string>? SourceAdded { get; init; }

    /// <summary>
    /// Store each unit under its own <see cref="TranslationUnit.Id"/> (above 0) instead of a new id, for
    /// copying a memory between stores (<c>tarjuma migrate</c>). The memory must hold no units; an id in
    /// use anywhere in the store fails the import (AlreadyExists, nothing written); a unit that merges
    /// into an earlier one of the stream loses its id. Ids the store gives out later are above these.
    /// </summary>
    public bool KeepIds { get; init; }
}

/// <summary>One item of an import stream: a unit, or a rejection with where and why.</summary>
public sealed record ImportItem
{
    private ImportItem(TranslationUnit? unit, ImportRejection? rejection)
    {
        Unit = unit;
        Rejection = rejection;
    }

    public TranslationUnit? Unit { get; }

    public ImportRejection? Rejection { get; }

    public static ImportItem Accept(TranslationUnit unit) => new(unit, null);

    public static ImportItem Reject(ImportRejection rejection) => new(null, rejection);
}

/// <summary>A unit that could not be imported: its position in the file and the reason.</summary>
public sealed record ImportRejection(int Line, int Column, string Reason)
{
    public override string ToString() => $"line {Line}, column {Column}: {Reason}";
}

public sealed record ImportSummary(long Read, long Added, long Updated, IReadOnlyList<ImportRejection> Rejected)
{
    /// <summary>How many rejections are listed at most; the count beyond is still in <see cref="RejectedCount"/>.</summary>
    public const int MaxListedRejections = 1_000;

    public long RejectedCount { get; init; } = Rejected.Count;

    /// <summary>True when the import created the memory (<see cref="ImportOptions.CreateMemory"/>).</summary>
    public bool MemoryCreated { get; init; }

    /// <summary>Units read but not for this memory (a multilingual file's units without one of its languages), by reason.</summary>
    public IReadOnlyList<ImportSkip> Skipped { get; init; } = [];

    /// <summary>How many units <see cref="Skipped"/> counts.</summary>
    public long SkippedCount => Skipped.Sum(s => s.Count);
}

/// <summary>Units left out of an import for one reason (<c>without de-DE</c>), and how many.</summary>
public sealed record ImportSkip(string Reason, long Count)
{
    /// <summary>"skipped 1 unit without de-DE".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"skipped {Count} {(Count == 1 ? "unit" : "units")} {Reason}");
}
