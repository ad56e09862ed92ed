using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Sqlite.Schema;

namespace Tarjuma.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a completed
/// write survives a crash or power loss. Safe for concurrent use: every call takes its own pooled
/// connection; readers run in parallel (WAL snapshots), writers queue on one lock because SQLite
/// has a single writer and queueing here avoids <c>SQLITE_BUSY</c>.
/// </summary>
public sealed partial class SqliteMemoryStore : IMemoryStore, IDisposable
{
    /// <summary>Longest memory description accepted; it is a sentence or two for a list view.</summary>
    public const int MaxDescriptionLength = 4_000;

    private const string MemoryColumns = "name, source_lang, target_lang, description, created_at, updated_at, unit_count";

    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    /// <summary>
    /// SQLite connections (handles, which a pooled connection keeps from one open to the next) that ran <see cref="_connectionPragmas"/>:
    /// a pooled open skips them, two statements fewer per lookup (issue #12); an entry goes when the pool closes its connection.
    /// </summary>
    private readonly ConditionalWeakTable<sqlite3, sqlite3> _configured = new();
    private readonly SemaphoreSlim _writerLock = new(1, 1);
    private readonly TimeProvider _clock;
    private bool _disposed;
    private ServingLock? _servingLock;

    private SqliteMemoryStore(SqliteStoreOptions options, TimeProvider clock)
    {
        Options = options;
        _clock = clock;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();

        // Per-connection settings (not stored in the file), applied on the first open of each pooled
        // connection. journal_size_limit trims the WAL after a large import.
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA "
                + $"journal_size_limit = {64L * 1024 * 1024};");
    }

    /// <summary>The options the store was opened with.</summary>
    public SqliteStoreOptions Options { get; }

    /// <summary>
    /// Opens the database at <see cref="SqliteStoreOptions.DatabasePath"/>, creating the file and its
    /// folder when missing, switching it to WAL and applying pending schema migrations.
    /// Throws <see cref="TarjumaException"/> (FailedPrecondition) for a database newer than this code.
    /// </summary>
    public static SqliteMemoryStore Open(SqliteStoreOptions options) => Open(options, TimeProvider.System);

    internal static SqliteMemoryStore Open(SqliteStoreOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        var fullPath = Path.GetFullPath(options.DatabasePath);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        if (Directory.Exists(fullPath))
        {
            throw NotADatabase(fullPath, null);
        }

        var store = new SqliteMemoryStore(options with { DatabasePath = fullPath }, clock);
        try
        {
            store._servingLock = options.Serving ? ServingLock.Acquire(fullPath, "database") : null;
            using var connection = store.OpenConnection();
            using (var wal = connection.CreateCommand())
            {
                // journal_mode=WAL is stored in the file: readers never block the writer.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            SchemaMigrations.Migrate(connection, fullPath);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is SqliteNotADatabase or SqliteCannotOpen)
        {
            store.Dispose();
            throw NotADatabase(fullPath, exception);
        }
        catch (SqliteException exception) when (IsBusy(exception))
        {
            store.Dispose();
            throw store.Busy(fullPath, exception);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    public async Task<MemoryInfo> CreateMemoryAsync(NewMemory memory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var name = ValidateNewMemory(memory);
        using var session = await BeginWriteAsync(cancellationToken);
        if (await FindMemoryIdAsync(session.Connection, session.Transaction, name, cancellationToken) is not null)
        {
            throw new TarjumaException(ErrorKind.AlreadyExists, $"memory '{name}' already exists.", "memory");
        }

        await InsertMemoryAsync(session, memory, cancellationToken);
        var created = await ReadMemoryAsync(session.Connection, session.Transaction, name, cancellationToken);
        session.Commit();
        return created!;
    }

    public async Task<MemoryInfo?> FindMemoryAsync(string name, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(name);
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadMemoryAsync(connection, null, name, cancellationToken);
    }

    public async Task<IReadOnlyList<MemoryInfo>> ListMemoriesAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {MemoryColumns} FROM memories ORDER BY name;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var memories = new List<MemoryInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            memories.Add(ReadMemory(reader));
        }

        return memories;
    }

    public async Task<MemoryInfo> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(name);
        var validDescription = ValidateDescription(description);
        using var session = await BeginWriteAsync(cancellationToken);
        using (var update = session.Command("UPDATE memories SET description = $description, updated_at = $now WHERE name = $name;"))
        {
            update.Parameters.AddWithValue("$description", validDescription);
            update.Parameters.AddWithValue("$now", StoredDate.Write(Now()));
            update.Parameters.AddWithValue("$name", name);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw TarjumaException.MemoryNotFound(name);
            }
        }

        var updated = await ReadMemoryAsync(session.Connection, session.Transaction, name, cancellationToken);
        session.Commit();
        return updated!;
    }

    public async Task DeleteMemoryAsync(string name, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(name);
        using var session = await BeginWriteAsync(cancellationToken);
        using var delete = session.Command("DELETE FROM memories WHERE name = $name;");
        delete.Parameters.AddWithValue("$name", name);
        // The units go with it: units.memory_id is ON DELETE CASCADE (foreign_keys is on).
        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw TarjumaException.MemoryNotFound(name);
        }

        LogChange(session, ChangeKind.MemoryDeleted, name);
        session.Commit();
    }

    /// <summary>Releases the pooled connections to the file (the file can then be moved or deleted).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writerLock.Dispose();
        _servingLock?.Dispose();
    }

    /// <summary>SQLITE_CONSTRAINT_UNIQUE (extended result code 2067).</summary>
    private const int SqliteConstraintUnique = 2067;

    internal SqliteConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            var handle = connection.Handle;
            if (handle is null || !_configured.TryGetValue(handle, out _))
            {
                using var pragmas = connection.CreateCommand();
                pragmas.CommandText = _connectionPragmas;
                pragmas.ExecuteNonQuery();
                if (handle is not null)
                {
                    _configured.AddOrUpdate(handle, handle);
                }
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite does its I/O synchronously; the async shape is the port's.
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(OpenConnection());
    }

    /// <summary>
    /// Takes this process's writer lock, then SQLite's (BEGIN IMMEDIATE). Another process holding the
    /// write lock (a command-line import beside a server) makes SQLite's busy handler retry for
    /// <see cref="SqliteStoreOptions.BusyTimeout"/>; after that the write fails as Unavailable with a
    /// message that says so, and nothing was written.
    /// </summary>
    private async Task<WriteSession> BeginWriteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writerLock.WaitAsync(cancellationToken);
        SqliteConnection? connection = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            connection = OpenConnection();
            return new WriteSession(_writerLock, connection);
        }
        catch (SqliteException exception) when (IsBusy(exception))
        {
            connection?.Dispose();
            _writerLock.Release();
            throw Busy(Options.DatabasePath, exception);
        }
        catch
        {
            connection?.Dispose();
            _writerLock.Release();
            throw;
        }
    }

    /// <summary>SQLITE_BUSY (5) or SQLITE_LOCKED (6): another connection holds the lock we need.</summary>
    private static bool IsBusy(SqliteException exception) => exception.SqliteErrorCode is 5 or 6;

    private TarjumaException Busy(string path, SqliteException exception) => new(
        ErrorKind.Unavailable,
        string.Create(CultureInfo.InvariantCulture,
            $"the database '{path}' is busy: another process (e.g. a tarjuma import with --db, or a server) held its write lock for more "
                + $"than {Options.BusyTimeout.TotalSeconds:0.#} s; nothing was written, retry later."),
        "database",
        exception);

    private static TarjumaException NotADatabase(string path, SqliteException? exception) => new(
        ErrorKind.FailedPrecondition,
        Directory.Exists(path)
            ? $"'{path}' is a directory, not a Tarjuma database; give the database file's path."
            : $"'{path}' is not a Tarjuma database (not an SQLite file); give the database file's path.",
        "database",
        exception);

    /// <summary>SQLITE_NOTADB (26): the file is not a database, e.g. a TMX file given as --db.</summary>
    private const int SqliteNotADatabase = 26;

    /// <summary>SQLITE_CANTOPEN (14).</summary>
    private const int SqliteCannotOpen = 14;

    private DateTimeOffset Now() => _clock.GetUtcNow();

    private static async Task<long> RequireMemoryIdAsync(SqliteConnection connection, SqliteTransaction? transaction, string name,
        CancellationToken cancellationToken)
    {
        MemoryName.Validate(name);
        return await FindMemoryIdAsync(connection, transaction, name, cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
    }

    private static async Task<long?> FindMemoryIdAsync(SqliteConnection connection, SqliteTransaction? transaction, string name,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM memories WHERE name = $name;";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    /// <summary>Checks a new memory's name, languages and description; returns the name.</summary>
    private static string ValidateNewMemory(NewMemory memory)
    {
        var name = MemoryName.Validate(memory.Name);
        MemoryLanguages.Validate(memory.SourceLanguage, memory.TargetLanguage);
        ValidateDescription(memory.Description);
        return name;
    }

    /// <summary>Inserts a validated memory inside the write and logs it; returns its id.</summary>
    private async Task<long> InsertMemoryAsync(WriteSession session, NewMemory memory, CancellationToken cancellationToken)
    {
        var now = StoredDate.Write(Now());
        using var insert = session.Command(
            "INSERT INTO memories (name, source_lang, target_lang, description, created_at, updated_at) VALUES ($name, $source, $target, $description, "
                + "$now, $now) RETURNING id;");
        insert.Parameters.AddWithValue("$name", memory.Name);
        insert.Parameters.AddWithValue("$source", memory.SourceLanguage.Value);
        insert.Parameters.AddWithValue("$target", memory.TargetLanguage.Value);
        insert.Parameters.AddWithValue("$description", memory.Description ?? string.Empty);
        insert.Parameters.AddWithValue("$now", now);
        long id;
        try
        {
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintUnique)
        {
            throw new TarjumaException(ErrorKind.AlreadyExists, $"memory '{memory.Name}' already exists.", "memory", e);
        }

        LogChange(session, ChangeKind.MemoryCreated, memory.Name);
        return id;
    }

    private static async Task<MemoryInfo?> ReadMemoryAsync(SqliteConnection connection, SqliteTransaction? transaction, string name,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {MemoryColumns} FROM memories WHERE name = $name;";
        command.Parameters.AddWithValue("$name", name);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadMemory(reader) : null;
    }

    private static MemoryInfo ReadMemory(SqliteDataReader reader) => new()
    {
        Name = reader.GetString(0),
        SourceLanguage = LanguageTag.Parse(reader.GetString(1), "source_language"),
        TargetLanguage = LanguageTag.Parse(reader.GetString(2), "target_language"),
        Description = reader.GetString(3),
        CreatedAt = StoredDate.Read(reader.GetString(4)),
        UpdatedAt = StoredDate.Read(reader.GetString(5)),
        UnitCount = reader.GetInt64(6),
    };

    private static string ValidateDescription(string? description)
    {
        description ??= string.Empty;
        if (description.Length > MaxDescriptionLength)
        {
            throw TarjumaException.InvalidArgument("description", $"at most {MaxDescriptionLength} characters.");
        }

        return description;
    }
}
