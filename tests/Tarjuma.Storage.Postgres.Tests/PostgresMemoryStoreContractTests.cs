using Tarjuma.Core.Storage;
using Tarjuma.Storage.Contract;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary>The store contract run against the PostgreSQL store, each test in its own schema.</summary>
public sealed class PostgresMemoryStoreContractTests : MemoryStoreContractTests
{
    private TestSchema? _schema;

    protected override async Task<IMemoryStore> OpenStoreAsync()
    {
        _schema ??= await TestSchema.CreateAsync();
        return PostgresMemoryStore.Open(_schema.Options);
    }

    protected override Task CloseStoreAsync(IMemoryStore store)
    {
        ((PostgresMemoryStore)store).Dispose();
        return Task.CompletedTask;
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
