using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Reliability.Tests;

/// <summary>
/// Mutated TMX imported into a memory that already holds units: the import succeeds, or fails with
/// <see cref="TarjumaException"/> and the memory is exactly as before (same units, same count).
/// </summary>
public sealed class TmxImportFuzzTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_failed_import_of_mutated_tmx_leaves_the_memory_untouched()
    {
        using var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _temp.Database });
        var valid = GeneratedTmx.Build("fuzz", 40);
        await TmxExchange.ImportAsync(store, new TmxImportRequest("base", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")),
            new MemoryStream(GeneratedTmx.Build("base", 25)), null, CancellationToken.None);
        var before = await SnapshotAsync(store);
        var failures = 0;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("TARJUMA_FUZZ_ITERATIONS"), System.Globalization.CultureInfo.InvariantCulture,
            out var n) && n > 0 ? n / 10 : 40;
        var mutated = Gen.Choose(1, 6).SelectMany(count => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, valid.Length - 1), Gen.Elements("<", "&", "</tu>", "<seg>",
            "\u0000", "&lol;", "<!DOCTYPE x>", "")), count))
            .Select(edits =>
            {
                var bytes = new List<byte>(valid);
                foreach (var (at, insert) in edits)
                {
                    bytes.RemoveAt(Math.Min(at, bytes.Count - 1));
                    bytes.InsertRange(Math.Min(at, bytes.Count), Encoding.UTF8.GetBytes(insert));
                }

                return bytes.ToArray();
            });

        Prop.ForAll(mutated.ToArbitrary(), bytes =>
        {
            try
            {
                TmxExchange.ImportAsync(store, new TmxImportRequest("base", null, null), new MemoryStream(bytes), null,
                    CancellationToken.None).GetAwaiter().GetResult();
                before = SnapshotAsync(store).GetAwaiter().GetResult();
            }
            catch (TarjumaException)
            {
                failures++;
                Assert.Equal(before, SnapshotAsync(store).GetAwaiter().GetResult());
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(iterations).WithReplay(new Replay(new Rnd(20261128UL, 0x9E3779B97F4A7C15UL), null)));

        Assert.True(failures > 0, "no mutation made the import fail: the property checked nothing");
        SqliteConnection.ClearAllPools();
    }

    private static async Task<string> SnapshotAsync(SqliteMemoryStore store)
    {
        var text = new StringBuilder();
        text.Append((await store.FindMemoryAsync("base"))!.UnitCount).Append('\n');
        await foreach (var unit in store.StreamUnitsAsync("base"))
        {
            text.Append(unit.Id).Append('\t').Append(unit.Source.Text).Append('\t').Append(unit.Target.Text).Append('\n');
        }

        return text.ToString();
    }
}
