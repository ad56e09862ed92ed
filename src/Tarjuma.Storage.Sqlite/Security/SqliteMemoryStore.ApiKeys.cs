using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Security;

namespace Tarjuma.Storage.Sqlite;

/// <summary>API keys in the same file as the memories (schema v2), so a backup carries both.</summary>
public sealed partial class SqliteMemoryStore : IApiKeyStore
{
    /// <summary>Longest key name; it is a label in listings.</summary>
    public const int MaxKeyNameLength = StoredKeys.MaxNameLength;

    /// <summary>More grants than this is a mistake in a script, not a real key.</summary>
    public const int MaxGrantsPerKey = StoredKeys.MaxGrants;

    private const string KeyColumns = "id, name, is_admin, grants, created_at, revoked_at";

    public async Task<CreatedApiKey> CreateAsync(NewApiKey key, CancellationToken cancellationToken = default)
    {
        var grants = StoredKeys.Validate(key);

        var (id, secret, hash) = ApiKeySecret.Generate();
        var created = new ApiKey { Id = id, Name = key.Name, IsAdmin = key.IsAdmin, Grants = grants, CreatedAt = StoredDate.Read(StoredDate.Write(Now())) };
        using var session = await BeginWriteAsync(cancellationToken);
        using (var insert = session
            .Command("INSERT INTO api_keys (id, name, secret_hash, is_admin, grants, created_at) VALUES ($id, $name, $hash, $admin, $grants, $now);"))
        {
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$name", key.Name);
            insert.Parameters.AddWithValue("$hash", hash);
            insert.Parameters.AddWithValue("$admin", key.IsAdmin ? 1 : 0);
            insert.Parameters.AddWithValue("$grants", StoredKeys.WriteGrants(grants));
            insert.Parameters.AddWithValue("$now", StoredDate.Write(created.CreatedAt));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        session.Commit();
        return new CreatedApiKey(created, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {KeyColumns} FROM api_keys ORDER BY created_at, id;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
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
        using var session = await BeginWriteAsync(cancellationToken);
        using var update = session.Command("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $now) WHERE id = $id;");
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$now", StoredDate.Write(Now()));
        var changed = await update.ExecuteNonQueryAsync(cancellationToken);
        session.Commit();
        return changed > 0;
    }

    public async Task<ApiKey?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!ApiKeySecret.TryParse(secret, out var id, out var random))
        {
            return null;
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {KeyColumns}, secret_hash FROM api_keys WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var hash = (byte[])reader.GetValue(6);
        var key = ReadKey(reader);
        return ApiKeySecret.Matches(random, hash) && !key.IsRevoked ? key : null;
    }

    public async Task<bool> AnyKeysAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM api_keys);";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    public async Task<IReadOnlyList<StoredApiKey>> ExportAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {KeyColumns}, secret_hash FROM api_keys ORDER BY created_at, id;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
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
        using var session = await BeginWriteAsync(cancellationToken);
        using (var insert = session.Command(
            "INSERT INTO api_keys (id, name, secret_hash, is_admin, grants, created_at, revoked_at) VALUES ($id, $name, $hash, $admin, $grants, $created, "
                + "$revoked);"))
        {
            insert.Parameters.AddWithValue("$id", key.Key.Id);
            insert.Parameters.AddWithValue("$name", key.Key.Name);
            insert.Parameters.AddWithValue("$hash", key.SecretHash);
            insert.Parameters.AddWithValue("$admin", key.Key.IsAdmin ? 1 : 0);
            insert.Parameters.AddWithValue("$grants", StoredKeys.WriteGrants(key.Key.Grants));
            insert.Parameters.AddWithValue("$created", StoredDate.Write(key.Key.CreatedAt));
            insert.Parameters.AddWithValue("$revoked", (object?)StoredDate.Write(key.Key.RevokedAt) ?? DBNull.Value);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintPrimaryKey)
            {
                throw new TarjumaException(ErrorKind.AlreadyExists, $"key '{key.Key.Id}' already exists.", "key", e);
            }
        }

        session.Commit();
    }

    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY (extended result code 1555).</summary>
    private const int SqliteConstraintPrimaryKey = 1555;

    private static ApiKey ReadKey(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        IsAdmin = reader.GetInt64(2) != 0,
        Grants = StoredKeys.ReadGrants(reader.GetString(3)),
        CreatedAt = StoredDate.Read(reader.GetString(4)),
        RevokedAt = reader.IsDBNull(5) ? null : StoredDate.Read(reader.GetString(5)),
    };
}
