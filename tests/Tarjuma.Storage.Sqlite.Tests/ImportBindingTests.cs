using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>
/// The import's insert keeps a binding that did not change from the unit before (issue #12): a column
/// set, then NULL, then the same string again, then another, must each be stored as that unit had it.
/// </summary>
public sealed class ImportBindingTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Fact]
    public async Task Each_unit_stores_its_own_optional_columns_when_they_change_between_units()
    {
        const string shared = "Ҳамон матн";
        var now = Date(2026, 11, 30);

        // Period 3 for the texts, 2 for dates and 4 for the author: every change (set → NULL, NULL → set, same → other) occurs.
        string? Text(int i, string name) => (i % 3) switch { 0 => null, 1 => shared, _ => $"{name} {i}" };
        var units = Enumerable.Range(0, 24).Select(i => Numbered(i) with
        {
            PreviousSource = Text(i, "пеш"),
            NextSource = Text(i + 1, "баъд"),
            ExternalId = Text(i + 2, "id"),
            CreatedBy = i % 4 == 0 ? null : $"author {i % 4}",
            CreatedAt = i % 2 == 0 ? null : now.AddDays(-i),
            ChangedAt = i % 2 == 1 ? null : now.AddDays(-2 * i),
            UsageCount = i % 5,
        }).ToList();

        foreach (var threshold in new[] { 1, int.MaxValue })
        {
            using var store = SqliteMemoryStore.Open(_database.Options with { BulkLoadMinUnits = threshold });
            var memory = $"tg-en-{threshold}";
            var summary = await store.ImportAsync(memory, Stream(units.Select(ImportItem.Accept)), new ImportOptions { CreateMemory = Memory(memory) });
            Assert.Equal(24, summary.Added);

            var exported = new List<TranslationUnit>();
            await foreach (var unit in store.StreamUnitsAsync(memory))
            {
                exported.Add(unit);
            }

            Assert.Equal(24, exported.Count);
            for (var i = 0; i < units.Count; i++)
            {
                var (want, got) = (units[i], exported[i]);
                Assert.Equal(want.Source.Text, got.Source.Text);
                Assert.Equal((want.PreviousSource, want.NextSource, want.ExternalId, want.CreatedBy), (got.PreviousSource, got.NextSource, got.ExternalId,
                    got.CreatedBy));
                Assert.Equal(want.ChangedAt, got.ChangedAt);
                Assert.Equal(want.UsageCount, got.UsageCount);

                // A unit without a creation date takes the import's time, the same for all of them.
                Assert.NotNull(got.CreatedAt);
                if (want.CreatedAt is { } created)
                {
                    Assert.Equal(created, got.CreatedAt);
                }
                else
                {
                    Assert.Equal(exported[0].CreatedAt, got.CreatedAt);
                }
            }
        }
    }
}
