namespace Tarjuma.Storage.Postgres;

/// <summary>Where and how the PostgreSQL store keeps its data. Immutable once built.</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>An Npgsql connection string (<c>Host=db;Database=tarjuma;Username=tarjuma</c>); the tables live in its search path's first schema.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// How long change-log entries are kept for replicas. Default 10 minutes; a replica further
    /// behind (stopped, or cut off from the database longer) rebuilds its indexes instead.
    /// </summary>
    public TimeSpan ChangeRetention { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Listen for change notifications (a serving replica does; the command line does not).</summary>
    public bool Listen { get; init; }

    /// <summary>
    /// A listening replica reads the change log's head itself when no notification came for this long
    /// (default 1 s), which also proves its connection alive; in between it trusts the notifications.
    /// </summary>
    public TimeSpan HeadCheckInterval { get; init; } = TimeSpan.FromSeconds(1);
}
