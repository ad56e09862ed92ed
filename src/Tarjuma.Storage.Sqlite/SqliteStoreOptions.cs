namespace Tarjuma.Storage.Sqlite;

/// <summary>Where and how the embedded store keeps its database. Immutable once built.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The database file; its folder is created when missing.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>The default <see cref="BusyTimeout"/>: long enough for another process's short writes.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a statement waits for a lock held by another process (another server or the CLI on
    /// the same file) before failing: SQLite's busy handler retries the lock meanwhile. Then a write
    /// fails as Unavailable ("the database is busy"). Writes from this process never wait on each
    /// other in SQLite: the store queues them itself.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = DefaultBusyTimeout;

    /// <summary>
    /// How long change-log entries are kept for processes serving the database (see
    /// <c>SqliteMemoryStore.Changes.cs</c>). Default 10 minutes; a reader further behind reloads.
    /// </summary>
    public TimeSpan ChangeRetention { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Hold the <see cref="ServingLock"/> while open (a server does; the command line's short uses do not).</summary>
    public bool Serving { get; init; }

    /// <summary>
    /// Units an import into an empty memory writes with the <c>units</c> indexes in place before it
    /// drops them and builds them again after its last unit (sorted builds instead of a random insert
    /// per unit into each hash index). Rebuilding costs time for every unit of the table, so it pays
    /// only once the import has written this many and at least as many as the other memories hold.
    /// Default 1,000: into an empty table the rebuild sorts only the import's own units, so keeping the
    /// indexes for the first 50,000 (the earlier default) cost ≈ 4 % of a 200,000-unit import's CPU
    /// in index inserts (issue #12, sixth session); tests lower it.
    /// </summary>
    internal int BulkLoadMinUnits { get; init; } = 1_000;

    /// <summary>Options for the default database, <see cref="DefaultDatabasePath"/>.</summary>
    public static SqliteStoreOptions Default() => new() { DatabasePath = DefaultDatabasePath() };

    /// <summary>
    /// The zero-configuration location: <c>data/tarjuma.db</c> under <paramref name="baseDirectory"/>
    /// (default: the current directory). Set <see cref="DatabasePath"/> to put it elsewhere.
    /// </summary>
    public static string DefaultDatabasePath(string? baseDirectory = null) =>
        Path.GetFullPath(Path.Combine(baseDirectory ?? Environment.CurrentDirectory, "data", "tarjuma.db"));
}
