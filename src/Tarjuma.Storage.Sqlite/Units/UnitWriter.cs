using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Units;

namespace Tarjuma.Storage.Sqlite.Units;

/// <summary>
/// Writes units into one memory inside one transaction with statements prepared once and reused:
/// a duplicate probe on <c>(memory_id, pair_hash)</c>, then either an insert or a metadata merge.
/// Not thread-safe; one per write transaction.
/// </summary>
internal sealed class UnitWriter : IDisposable
{
    private readonly SqliteCommand _findPair;
    private readonly sqlite3_stmt _insert;
    private readonly SqliteCommand _merge;
    private readonly Dictionary<string, SqliteParameter> _mergeParameters = new(StringComparer.Ordinal);
    private readonly SqliteParameter _pairHash;
    private readonly SqliteConnection _connection;
    private readonly HashSet<long>? _knownPairs;
    private readonly bool _keepIds;
    private readonly SqliteCommand? _findId;
    private readonly SqliteParameter? _id;

    /// <summary>
    /// When the memory was empty before this writer: the id of the first unit written with each pair
    /// hash, so the duplicate probe goes by rowid and needs no index on <c>pair_hash</c> (an import may
    /// drop it for its bulk load). Units sharing a hash but not their text are in <see cref="_morePairs"/>.
    /// </summary>
    private readonly Dictionary<long, long>? _idsByPair;
    private Dictionary<long, List<long>>? _morePairs;

    /// <summary>UTF-8 of the text being bound, reused: the database is UTF-8, so SQLite would otherwise convert each UTF-16 text itself.</summary>
    private byte[] _utf8 = new byte[1_024];

    /// <summary>
    /// The string last bound to each insert parameter (by position). Bindings outlive <c>sqlite3_reset</c>, so a parameter
    /// bound to the same string or to NULL again is left as it is: most columns are NULL in most units (issue #12).
    /// </summary>
    private readonly string?[] _bound = new string?[21];

    /// <summary>Whether <see cref="_bound"/>'s entry is known (a NULL entry is bound NULL, not unbound).</summary>
    private readonly bool[] _isBound = new bool[21];

    /// <summary>The import's time as stored, formatted once: most imported units name no creation date and take it.</summary>
    private (DateTimeOffset At, string Text)? _now;

    /// <summary>
    /// Prepares the statements. <paramref name="knownPairs"/>, when given, holds every pair hash already
    /// in the memory: a unit whose hash is not in it is new without asking the database (the set is
    /// kept up to date with inserts).
    /// </summary>
    public UnitWriter(SqliteConnection connection, SqliteTransaction transaction, long memoryId, HashSet<long>? knownPairs = null, bool keepIds = false)
        : this(connection, transaction, memoryId, knownPairs, emptyMemory: false, keepIds)
    {
    }

    private UnitWriter(SqliteConnection connection, SqliteTransaction transaction, long memoryId, HashSet<long>? knownPairs, bool emptyMemory,
        bool keepIds)
    {
        _connection = connection;
        _knownPairs = knownPairs;
        _keepIds = keepIds;
        if (emptyMemory)
        {
            _idsByPair = [];
            _findId = connection.CreateCommand();
            _findId.Transaction = transaction;
            _findId.CommandText = $"SELECT {UnitRow.Columns} FROM units WHERE id = $id;";
            _id = AddParameter(_findId, "$id");
        }

        _findPair = connection.CreateCommand();
        _findPair.Transaction = transaction;
        _findPair.CommandText = $"SELECT {UnitRow.Columns} FROM units WHERE memory_id = $memory AND pair_hash = $pair ORDER BY id;";
        _findPair.Parameters.AddWithValue("$memory", memoryId);
        _pairHash = AddParameter(_findPair, "$pair");

        // The insert runs once per imported unit, so it goes straight to SQLite: one statement
        // prepared once, parameters bound by position, text bound as UTF-8 (BindText).
        // It runs on the same connection, inside the caller's transaction.
        var rc = raw.sqlite3_prepare_v2(
            connection.Handle,
            "INSERT INTO units (memory_id, source_text, source_tags, target_text, target_tags, source_hash, target_hash, pair_hash, "
            + "prev_source, next_source, external_id, props, notes, created_by, created_at, changed_by, changed_at, usage_count, last_used_at, id) "
            + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20);",
            out _insert);
        Check(rc, raw.SQLITE_OK);
        Check(raw.sqlite3_bind_int64(_insert, 1, memoryId), raw.SQLITE_OK);

        _merge = connection.CreateCommand();
        _merge.Transaction = transaction;
        _merge.CommandText =
            "UPDATE units SET prev_source = $prev_source, next_source = $next_source, external_id = $external_id, props = $props, "
            + "notes = $notes, created_by = $created_by, created_at = $created_at, changed_by = $changed_by, changed_at = $changed_at, "
            + "usage_count = $usage_count, last_used_at = $last_used_at WHERE id = $id;";
        foreach (var name in new[]
        {
            "$id", "$prev_source", "$next_source", "$external_id", "$props", "$notes", "$created_by", "$created_at",
            "$changed_by", "$changed_at", "$usage_count", "$last_used_at",
        })
        {
            _mergeParameters[name] = AddParameter(_merge, name);
        }
    }

    /// <summary>
    /// A writer into a memory that held no units when the transaction began: it finds duplicates among
    /// the units it wrote itself by id, so it needs none of the <c>units</c> table's indexes.
    /// </summary>
    public static UnitWriter ForEmptyMemory(SqliteConnection connection, SqliteTransaction transaction, long memoryId, bool keepIds = false) =>
        new(connection, transaction, memoryId, knownPairs: null, emptyMemory: true, keepIds);

    /// <summary>Units inserted so far (merges not counted): the memory's count grows by this much.</summary>
    public long Added { get; private set; }

    public UnitWriteResult Write(PreparedUnit unit, DateTimeOffset now)
    {
        int rc;
        if (_idsByPair is not null)
        {
            if (_idsByPair.TryGetValue(unit.PairHash, out var first) && FindDuplicateById(unit, first, now) is { } merged)
            {
                return merged;
            }
        }
        else if (_knownPairs is null || _knownPairs.Contains(unit.PairHash))
        {
            if (FindDuplicate(unit, now) is { } updated)
            {
                return updated;
            }
        }

        var u = unit.Unit;
        BindText(2, unit.Source.Text);
        BindText(3, unit.SourceTags);
        BindText(4, unit.Target.Text);
        BindText(5, unit.TargetTags);
        Check(raw.sqlite3_bind_int64(_insert, 6, unit.SourceHash), raw.SQLITE_OK);
        Check(raw.sqlite3_bind_int64(_insert, 7, unit.TargetHash), raw.SQLITE_OK);
        Check(raw.sqlite3_bind_int64(_insert, 8, unit.PairHash), raw.SQLITE_OK);
        BindText(9, u.PreviousSource);
        BindText(10, u.NextSource);
        BindText(11, u.ExternalId);
        BindText(12, StoredJson.WriteProperties(u.Properties));
        BindText(13, StoredJson.WriteNotes(u.Notes));
        BindText(14, u.CreatedBy);
        BindText(15, u.CreatedAt is { } createdAt ? StoredDate.Write(createdAt) : NowText(now));
        BindText(16, u.ChangedBy);
        BindText(17, StoredDate.Write(u.ChangedAt));
        Check(raw.sqlite3_bind_int64(_insert, 18, u.UsageCount), raw.SQLITE_OK);
        BindText(19, StoredDate.Write(u.LastUsedAt));
        if (_keepIds)
        {
            // ?20 (id) is otherwise never bound, so NULL: SQLite gives the next rowid (ImportOptions.KeepIds).
            Check(raw.sqlite3_bind_int64(_insert, 20, u.Id), raw.SQLITE_OK);
        }

        rc = raw.sqlite3_step(_insert);
        if (_keepIds && raw.sqlite3_extended_errcode(_connection.Handle) == raw.SQLITE_CONSTRAINT_PRIMARYKEY)
        {
            raw.sqlite3_reset(_insert);
            throw new TarjumaException(ErrorKind.AlreadyExists, string.Create(CultureInfo.InvariantCulture,
                $"unit id {u.Id} is already in use; nothing was imported."), "unit.id");
        }

        raw.sqlite3_reset(_insert);
        Check(rc, raw.SQLITE_DONE);

        // The connection's last rowid is the id just assigned; cheaper than INSERT ... RETURNING's reader.
        var id = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
        _knownPairs?.Add(unit.PairHash);
        if (_idsByPair is not null && !_idsByPair.TryAdd(unit.PairHash, id))
        {
            // Same 64-bit hash, other text (FindDuplicateById found no equal unit): rare, kept apart.
            _morePairs ??= [];
            if (!_morePairs.TryGetValue(unit.PairHash, out var ids))
            {
                _morePairs[unit.PairHash] = ids = [];
            }

            ids.Add(id);
        }

        Added++;
        return new UnitWriteResult(id, UnitWriteOutcome.Added);
    }

    private UnitWriteResult? FindDuplicate(PreparedUnit unit, DateTimeOffset now)
    {
        _pairHash.Value = unit.PairHash;
        using (var reader = _findPair.ExecuteReader())
        {
            while (reader.Read())
            {
                var stored = UnitRow.Read(reader);
                if (stored.Source.Equals(unit.Source) && stored.Target.Equals(unit.Target))
                {
                    reader.Close();
                    var merged = UnitMerge.Merge(stored, unit.Unit, now);
                    _mergeParameters["$id"].Value = stored.Id;
                    SetMetadata(_mergeParameters, merged);
                    _merge.ExecuteNonQuery();
                    return new UnitWriteResult(stored.Id, UnitWriteOutcome.Updated);
                }
            }
        }

        return null;
    }

    /// <summary>The unit among those this writer added with the same pair hash whose texts are equal, merged into; null when none is.</summary>
    private UnitWriteResult? FindDuplicateById(PreparedUnit unit, long first, DateTimeOffset now)
    {
        if (Merge(unit, first, now) is { } merged)
        {
            return merged;
        }

        if (_morePairs is not null && _morePairs.TryGetValue(unit.PairHash, out var ids))
        {
            foreach (var id in ids)
            {
                if (Merge(unit, id, now) is { } other)
                {
                    return other;
                }
            }
        }

        return null;
    }

    private UnitWriteResult? Merge(PreparedUnit unit, long id, DateTimeOffset now)
    {
        _id!.Value = id;
        TranslationUnit stored;
        using (var reader = _findId!.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            stored = UnitRow.Read(reader);
        }

        if (!stored.Source.Equals(unit.Source) || !stored.Target.Equals(unit.Target))
        {
            return null;
        }

        var merged = UnitMerge.Merge(stored, unit.Unit, now);
        _mergeParameters["$id"].Value = stored.Id;
        SetMetadata(_mergeParameters, merged);
        _merge.ExecuteNonQuery();
        return new UnitWriteResult(stored.Id, UnitWriteOutcome.Updated);
    }

    public void Dispose()
    {
        _findPair.Dispose();
        _findId?.Dispose();
        _insert.Dispose();
        _merge.Dispose();
    }

    private void BindText(int index, string? value)
    {
        // The same reference is the same text (strings do not change), and SQLite kept its own copy.
        if (_isBound[index] && ReferenceEquals(_bound[index], value))
        {
            return;
        }

        // Forgotten first, so that a failed bind is bound again next time.
        _isBound[index] = false;
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_insert, index), raw.SQLITE_OK);
            (_bound[index], _isBound[index]) = (null, true);
            return;
        }

        // Bound as UTF-8 (SQLite copies it: SQLITE_TRANSIENT), the database's own encoding: no conversion inside SQLite.
        // Segment texts with a lone surrogate are refused before this; in other fields (TMX and gRPC cannot carry one)
        // it becomes U+FFFD, as it did when read back (SQLite wrote it as invalid UTF-8).
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_insert, index, _utf8.AsSpan(0, length)), raw.SQLITE_OK);
        (_bound[index], _isBound[index]) = (value, true);
    }

    private string NowText(DateTimeOffset now)
    {
        if (_now is not { } cached || cached.At != now)
        {
            _now = cached = (now, StoredDate.Write(now));
        }

        return cached.Text;
    }

    private void Check(int rc, int expected)
    {
        if (rc != expected)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    /// <summary>A parameter whose SQLite type follows the value bound (text, integer or NULL).</summary>
    private static SqliteParameter AddParameter(SqliteCommand command, string name)
    {
        var parameter = new SqliteParameter { ParameterName = name, Value = DBNull.Value };
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static void SetMetadata(Dictionary<string, SqliteParameter> p, TranslationUnit u)
    {
        p["$prev_source"].Value = (object?)u.PreviousSource ?? DBNull.Value;
        p["$next_source"].Value = (object?)u.NextSource ?? DBNull.Value;
        p["$external_id"].Value = (object?)u.ExternalId ?? DBNull.Value;
        p["$props"].Value = (object?)StoredJson.WriteProperties(u.Properties) ?? DBNull.Value;
        p["$notes"].Value = (object?)StoredJson.WriteNotes(u.Notes) ?? DBNull.Value;
        p["$created_by"].Value = (object?)u.CreatedBy ?? DBNull.Value;
        p["$created_at"].Value = (object?)StoredDate.Write(u.CreatedAt) ?? DBNull.Value;
        p["$changed_by"].Value = (object?)u.ChangedBy ?? DBNull.Value;
        p["$changed_at"].Value = (object?)StoredDate.Write(u.ChangedAt) ?? DBNull.Value;
        p["$usage_count"].Value = u.UsageCount;
        p["$last_used_at"].Value = (object?)StoredDate.Write(u.LastUsedAt) ?? DBNull.Value;
    }
}
