using Tarjuma.Core.Storage;
using Tarjuma.Storage.Contract;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>The store contract run against the SQLite store, each test on its own database file.</summary>
public sealed class SqliteMemoryStoreContractTests : MemoryStoreContractTests, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override Task<IMemoryStore> OpenStoreAsync() => Task.FromResult<IMemoryStore>(SqliteMemoryStore.Open(_database.Options));

    protected override Task CloseStoreAsync(IMemoryStore store)
    {
        ((SqliteMemoryStore)store).Dispose();
        return Task.CompletedTask;
    }

    protected override Task DeleteStoreAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _database.Dispose();
}
