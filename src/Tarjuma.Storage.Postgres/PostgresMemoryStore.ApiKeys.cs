using Npgsql;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Security;

namespace Tarjuma.Storage.Postgres;

/// <summary>API keys in the same database as the memories, so every replica checks the same keys.</summary>
public sealed partial class PostgresMemoryStore : IApiKeyStore
{
    /// <summary>Longest key name (the SQLite store's limit).</summary>
    public const int MaxKeyNameLength = StoredKeys.MaxNameLength;

    /// <summary>More grants than this is a mistake in a script, not a real key.</summary>
    public const int MaxGrantsPerKey = StoredKeys.MaxGrants;

    private const string KeyColumns = "id, name, is_admin, grants, created_at, revoked_at";

    public async Task<CreatedApiKey> CreateAsync(NewApiKey key, CancellationToken cancellationToken = default)
    {
        var grants = StoredKeys.Validate(key);
        PostgresText.Check(key.Name, "name");

        var (id, secret, hash) = ApiKeySecret.Generate();
        var created = new ApiKey { Id = id, Name = key.Name, IsAdmin = key.IsAdmin, Grants = grants, CreatedAt = StoredDate.Read(StoredDate.Write(Now())) };
        await RestoreAsync(new StoredApiKey(created, hash), cancellationToken);
        return new CreatedApiKey(created, secret);
    }

    public async Task<IReadOnlyList<StoredApiKey>> ExportAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {KeyColumns}, secret_hash FROM api_keys ORDER BY created_at COLLATE \"C\", id COLLATE \"C\";",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<StoredApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new StoredApiKey(ReadKey(reader), (byte[])reader.GetValue(6)));
        }

        return keys;
    }

    public async Task RestoreAsync(StoredApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (stored, secretHash) = (key.Key, key.SecretHash);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // The notification (no head: nothing is logged) tells replicas that remember "no keys" to ask again.
        await using var insert = new NpgsqlCommand(
            "WITH added AS (INSERT INTO api_keys (id, name, secret_hash, is_admin, grants, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            + "RETURNING id) SELECT pg_notify($8, '- ' || current_schema()) FROM added;", connection);
        insert.Parameters.AddWithValue(stored.Id);
        insert.Parameters.AddWithValue(stored.Name);
        insert.Parameters.AddWithValue(secretHash);
        insert.Parameters.AddWithValue(stored.IsAdmin);
        insert.Parameters.AddWithValue(StoredKeys.WriteGrants(stored.Grants));
        insert.Parameters.AddWithValue(StoredDate.Write(stored.CreatedAt));
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)StoredDate.Write(stored.RevokedAt) ?? DBNull.Value);
        insert.Parameters.AddWithValue(ChangeChannel);
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
            _replica.Changed(null);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            throw new TarjumaException(ErrorKind.AlreadyExists, $"key '{stored.Id}' already exists.", "key", e);
        }
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {KeyColumns} FROM api_keys ORDER BY created_at COLLATE \"C\", id COLLATE \"C\";", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(ReadKey(reader));
        }

        return keys;
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var update = new NpgsqlCommand("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2;", connection);
        update.Parameters.AddWithValue(StoredDate.Write(Now()));
        update.Parameters.AddWithValue(id);
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<ApiKey?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!ApiKeySecret.TryParse(secret, out var id, out var random))
        {
            return null;
        }

        var found = await ReadKeyWithHashAsync(id, cancellationToken);
        return found is var (key, hash) && ApiKeySecret.Matches(random, hash) && !key.IsRevoked ? key : null;
    }

    /// <summary>
    /// Whether any key exists. A listening replica remembers "none" until a write is announced (an open
    /// server asks on every call; keys are never deleted, so "some" is final and the caller keeps it).
    /// </summary>
    public async Task<bool> AnyKeysAsync(CancellationToken cancellationToken = default)
    {
        if (_replica.NoKeysKnown)
        {
            return false;
        }

        var epoch = _replica.BeginRead();
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM api_keys);", connection);
        var any = await command.ExecuteScalarAsync(cancellationToken) is true;
        if (!any)
        {
            _replica.RememberNoKeys(epoch);
        }

        return any;
    }

    private async Task<(ApiKey Key, byte[] Hash)?> ReadKeyWithHashAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {KeyColumns}, secret_hash FROM api_keys WHERE id = $1;", connection);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (ReadKey(reader), (byte[])reader.GetValue(6));
    }

    private static ApiKey ReadKey(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        IsAdmin = reader.GetBoolean(2),
        Grants = StoredKeys.ReadGrants(reader.GetString(3)),
        CreatedAt = StoredDate.Read(reader.GetString(4)),
        RevokedAt = reader.IsDBNull(5) ? null : StoredDate.Read(reader.GetString(5)),
    };
}
