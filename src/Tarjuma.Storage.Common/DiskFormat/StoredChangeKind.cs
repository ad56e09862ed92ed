using Tarjuma.Core.Storage;

namespace Tarjuma.Storage.Common.DiskFormat;

/// <summary>
/// <see cref="ChangeKind"/> on disk (<c>changes.kind</c>, checked by the table): text, so that a
/// person reading the log understands it. Frozen: old databases hold these strings.
/// </summary>
internal static class StoredChangeKind
{
    public static string Write(ChangeKind kind) => kind switch
    {
        ChangeKind.UnitUpserted => "upsert",
        ChangeKind.UnitDeleted => "delete",
        ChangeKind.MemoryCreated => "memory-created",
        ChangeKind.MemoryDeleted => "memory-deleted",
        ChangeKind.UnitsImported => "bulk",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a change kind."),
    };

    public static ChangeKind Read(string text) => text switch
    {
        "upsert" => ChangeKind.UnitUpserted,
        "delete" => ChangeKind.UnitDeleted,
        "memory-created" => ChangeKind.MemoryCreated,
        "memory-deleted" => ChangeKind.MemoryDeleted,
        "bulk" => ChangeKind.UnitsImported,
        _ => throw new InvalidDataException($"unknown change kind '{text}' in the change log."),
    };
}
