using System.Globalization;
using Npgsql;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Postgres.Schema;

namespace Tarjuma.Storage.Postgres;

/// <summary>
/// The shared store: many Tarjuma servers (replicas) on one PostgreSQL database. Every write is one
/// transaction that locks its memory's row (writes to one memory queue, as SQLite's single writer
/// does, which keeps the duplicate rules and the import's id range exact; writes to different
/// memories run in parallel) and appends to the change log last. A completed write is committed
/// (PostgreSQL's default <c>synchronous_commit</c>), so it is durable.
/// </summary>
public sealed partial class PostgresMemoryStore : IMemoryStore, IDisposable
{
    /// <summary>Longest memory description accepted (the SQLite store's limit).</summary>
    public const int MaxDescriptionLength = 4_000;

    private const string MemoryColumns = "name, source_lang, target_lang, description, created_at, updated_at, unit_count";

    /// <summary>Statements prepared automatically per connection (Npgsql's Max Auto Prepare) unless the connection string says otherwise.</summary>
    private const int AutoPreparedStatements = 64;

    /// <summary>PostgreSQL's unique_violation (SQLSTATE 23505).</summary>
    private const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private bool _disposed;

    private PostgresMemoryStore(PostgresStoreOptions options, NpgsqlDataSource dataSource, TimeProvider clock)
    {
        Options = options;
        _dataSource = dataSource;
        _clock = clock;
    }

    public PostgresStoreOptions Options { get; }

    /// <summary>
    /// Connects and brings the schema to the current version. Throws <see cref="TarjumaException"/>
    /// (Unavailable) when the database cannot be reached, FailedPrecondition for a newer schema.
    /// </summary>
    public static PostgresMemoryStore Open(PostgresStoreOptions options) => Open(options, TimeProvider.System);

    internal static PostgresMemoryStore Open(PostgresStoreOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw TarjumaException.InvalidArgument("connection", "a PostgreSQL connection string is required (Host=...;Database=...).");
        }

        NpgsqlDataSource dataSource;
        try
        {
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                // Statements a replica repeats (a lookup's unit read, the log) are parsed and planned once per
                // connection, not per call; an explicit Max Auto Prepare in the connection string wins.
                builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
            }

            dataSource = builder.Build();
        }
        catch (ArgumentException exception)
        {
            throw new TarjumaException(ErrorKind.InvalidArgument, $"the PostgreSQL connection string is not valid: {exception.Message}", "connection",
                exception);
        }

        var store = new PostgresMemoryStore(options, dataSource, clock);
        try
        {
            using var connection = dataSource.OpenConnection();
            SchemaMigrations.Migrate(connection);
        }
        catch (NpgsqlException exception) when (exception is not PostgresException)
        {
            store.Dispose();
            throw new TarjumaException(
                ErrorKind.Unavailable, $"cannot reach PostgreSQL at {PostgresStore.Describe(options.ConnectionString)}: {exception.Message}", "connection",
                    exception);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        if (options.Listen)
        {
            store.StartListening();
        }

        return store;
    }

    public async Task<MemoryInfo> CreateMemoryAsync(NewMemory memory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var name = ValidateNewMemory(memory);
        await using var write = await BeginWriteAsync(cancellationToken);
        await InsertMemoryAsync(write, memory, cancellationToken);
        var created = await ReadMemoryAsync(write.Connection, name, cancellationToken);
        await write.LogAsync(ChangeKind.MemoryCreated, name, [null], cancellationToken);
        await write.CommitAsync(cancellationToken);
        return created!;
    }

    /// <summary>
    /// The memory, or null. A listening replica answers from memory when nothing was announced since it
    /// last read it (see <see cref="ReplicaState"/>): a lookup then makes no round trip for it.
    /// </summary>
    public async Task<MemoryInfo?> FindMemoryAsync(string name, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(name);
        if (_replica.TryGetMemory(name, out var cached))
        {
            return cached;
        }

        var epoch = _replica.BeginRead();
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var memory = await ReadMemoryAsync(connection, name, cancellationToken);
        if (memory is not null)
        {
            _replica.Remember(memory, epoch);
        }

        return memory;
    }

    public async Task<IReadOnlyList<MemoryInfo>> ListMemoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {MemoryColumns} FROM memories ORDER BY name;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
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
        await using var write = await BeginWriteAsync(cancellationToken);
        await using (var update = write.Command("UPDATE memories SET description = $1, updated_at = $2 WHERE name = $3;"))
        {
            update.Parameters.AddWithValue(validDescription);
            update.Parameters.AddWithValue(StoredDate.Write(Now()));
            update.Parameters.AddWithValue(name);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw TarjumaException.MemoryNotFound(name);
            }
        }

        write.MemoryChanged = true;
        var updated = await ReadMemoryAsync(write.Connection, name, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return updated!;
    }

    public async Task DeleteMemoryAsync(string name, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(name);
        await using var write = await BeginWriteAsync(cancellationToken);
        // Lock first: a write in progress on the memory finishes before its rows go.
        var memoryId = await LockMemoryAsync(write, name, cancellationToken);
        // Units by hand (schema version 2 has no foreign key on them, see 0002-bulk-load.sql); abbreviations go by ON DELETE CASCADE.
        await using (var delete = write.Command("WITH units_gone AS (DELETE FROM units WHERE memory_id = $1) DELETE FROM memories WHERE id = $1;"))
        {
            delete.Parameters.AddWithValue(memoryId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await write.LogAsync(ChangeKind.MemoryDeleted, name, [null], cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopListening();
        _dataSource.Dispose();
    }

    internal async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    private async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new WriteTransaction(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private DateTimeOffset Now() => _clock.GetUtcNow();

    /// <summary>The memory's id, its row locked until the write ends; NotFound when there is none.</summary>
    private static async Task<long> LockMemoryAsync(WriteTransaction write, string name, CancellationToken cancellationToken)
    {
        MemoryName.Validate(name);
        await using var command = write.Command("SELECT id FROM memories WHERE name = $1 FOR UPDATE;");
        command.Parameters.AddWithValue(name);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : throw TarjumaException.MemoryNotFound(name);
    }

    private static async Task<long> RequireMemoryIdAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        MemoryName.Validate(name);
        await using var command = new NpgsqlCommand("SELECT id FROM memories WHERE name = $1;", connection);
        command.Parameters.AddWithValue(name);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : throw TarjumaException.MemoryNotFound(name);
    }

    private static string ValidateNewMemory(NewMemory memory)
    {
        var name = MemoryName.Validate(memory.Name);
        MemoryLanguages.Validate(memory.SourceLanguage, memory.TargetLanguage);
        ValidateDescription(memory.Description);
        PostgresText.Check(memory.Description, "description");
        return name;
    }

    /// <summary>Inserts a validated memory inside the write; returns its id. The caller logs the change.</summary>
    private async Task<long> InsertMemoryAsync(WriteTransaction write, NewMemory memory, CancellationToken cancellationToken)
    {
        var now = StoredDate.Write(Now());
        // ON CONFLICT DO NOTHING instead of catching the violation: an error would abort the transaction.
        await using var insert = write.Command(
            "INSERT INTO memories (name, source_lang, target_lang, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) "
            + "ON CONFLICT (name) DO NOTHING RETURNING id;");
        insert.Parameters.AddWithValue(memory.Name);
        insert.Parameters.AddWithValue(memory.SourceLanguage.Value);
        insert.Parameters.AddWithValue(memory.TargetLanguage.Value);
        insert.Parameters.AddWithValue(memory.Description ?? string.Empty);
        insert.Parameters.AddWithValue(now);
        try
        {
            return await insert.ExecuteScalarAsync(cancellationToken) is long id
                ? id
                : throw new TarjumaException(ErrorKind.AlreadyExists, $"memory '{memory.Name}' already exists.", "memory");
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            throw new TarjumaException(ErrorKind.AlreadyExists, $"memory '{memory.Name}' already exists.", "memory", e);
        }
    }

    private static async Task<MemoryInfo?> ReadMemoryAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {MemoryColumns} FROM memories WHERE name = $1;", connection);
        command.Parameters.AddWithValue(name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadMemory(reader) : null;
    }

    private static MemoryInfo ReadMemory(NpgsqlDataReader reader) => new()
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
            throw TarjumaException.InvalidArgument("description", string.Create(CultureInfo.InvariantCulture, $"at most {MaxDescriptionLength} characters."));
        }

        return description;
    }
}
