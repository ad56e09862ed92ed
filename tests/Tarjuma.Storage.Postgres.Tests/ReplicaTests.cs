using Tarjuma.Protos.V1;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary>Two replicas on one database: what one acknowledges, the other finds.</summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private TestSchema? _schema;
    private Replica? _a;
    private Replica? _b;

    private Replica A => _a!;

    private Replica B => _b!;

    public async Task InitializeAsync()
    {
        _schema = await TestSchema.CreateAsync();
        _a = new Replica(_schema.ConnectionString);
        _b = new Replica(_schema.ConnectionString);
        await A.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });
    }

    public async Task DisposeAsync()
    {
        _a?.Dispose();
        _b?.Dispose();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_unit_added_through_one_replica_is_an_exact_match_on_the_other()
    {
        // B builds its index first, so the unit must reach it through the change log.
        Assert.Null(await B.ExactTargetAsync("news", "Ватани азизӣ мо."));

        await A.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Pair("Ватани азизӣ мо.", "Our dear homeland.") });

        await Eventually.ReturnsAsync(() => B.ExactTargetAsync("news", "Ватани азизӣ мо."), t => t == "Our dear homeland.", "the unit on replica B");
    }

    [SkippableFact]
    public async Task An_update_and_a_delete_through_one_replica_reach_the_other()
    {
        var added = await A.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Pair("Китоб хонед.", "Read a book.") });
        await Eventually.ReturnsAsync(() => B.ExactTargetAsync("news", "Китоб хонед."), t => t == "Read a book.", "the added unit on B");

        var edited = Pair("Китоб хонед.", "Read books.");
        edited.Id = added.Id;
        await A.Units.UpdateUnitAsync(new UpdateUnitRequest { Memory = "news", Unit = edited });
        await Eventually.ReturnsAsync(() => B.ExactTargetAsync("news", "Китоб хонед."), t => t == "Read books.", "the update on B");

        await A.Units.DeleteUnitAsync(new DeleteUnitRequest { Memory = "news", Id = added.Id });
        await Eventually.ReturnsAsync(() => B.ExactTargetAsync("news", "Китоб хонед."), t => t is null, "the delete on B");
    }

    [SkippableFact]
    public async Task A_memory_deleted_through_one_replica_is_gone_on_the_other()
    {
        await A.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Pair("Салом.", "Hello.") });
        await Eventually.ReturnsAsync(() => B.ExactTargetAsync("news", "Салом."), t => t == "Hello.", "the unit on B");

        await A.Memories.DeleteMemoryAsync(new DeleteMemoryRequest { Name = "news" });

        var status = await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    await B.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Салом." });
                    return Grpc.Core.StatusCode.OK;
                }
                catch (Grpc.Core.RpcException exception)
                {
                    return exception.StatusCode;
                }
            },
            code => code == Grpc.Core.StatusCode.NotFound,
            "the deleted memory on B");
        Assert.Equal(Grpc.Core.StatusCode.NotFound, status);
    }

    [SkippableFact]
    public async Task A_replica_that_started_before_many_changes_catches_up_with_all_of_them()
    {
        // Scaled down from the 100,000 of the catch-up benchmark (tests stay fast): 5 x 2,000 logged changes.
        Assert.Null(await B.ExactTargetAsync("news", "Ҷумлаи 0."));
        await AddNumberedAsync(calls: 5, perCall: 2_000);

        await Eventually.ReturnsAsync(() => B.ExactTargetAsync("news", "Ҷумлаи 9999."), t => t == "Sentence 9999.", "the last unit on B");
        Assert.Equal("Sentence 0.", await B.ExactTargetAsync("news", "Ҷумлаи 0."));
        Assert.Equal("Sentence 5000.", await B.ExactTargetAsync("news", "Ҷумлаи 5000."));
    }

    [SkippableFact]
    public async Task A_replica_started_after_many_changes_catches_up_with_all_of_them()
    {
        // Scaled down from the 100,000 of the catch-up benchmark: 3 x 1,000 logged adds, an update and a delete, all before B starts.
        await AddNumberedAsync(calls: 3, perCall: 1_000);

        var edited = await A.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Pair("Ҷумлаи 1500.", "Sentence 1500.") });
        var replacement = Pair("Ҷумлаи 1500.", "Sentence one thousand five hundred.");
        replacement.Id = edited.Id;
        await A.Units.UpdateUnitAsync(new UpdateUnitRequest { Memory = "news", Unit = replacement });
        var deleted = await A.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Pair("Ҷумлаи 2999.", "Sentence 2999.") });
        await A.Units.DeleteUnitAsync(new DeleteUnitRequest { Memory = "news", Id = deleted.Id });

        // B's first call starts it; the lookup waits for its index.
        Assert.Equal("Sentence 2998.", await B.ExactTargetAsync("news", "Ҷумлаи 2998."));
        Assert.Equal("Sentence 0.", await B.ExactTargetAsync("news", "Ҷумлаи 0."));
        Assert.Equal("Sentence one thousand five hundred.", await B.ExactTargetAsync("news", "Ҷумлаи 1500."));
        Assert.Null(await B.ExactTargetAsync("news", "Ҷумлаи 2999."));
        Assert.Equal(2_999, (await B.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" })).UnitCount);
    }

    /// <summary>Units "Ҷумлаи i." → "Sentence i." through A, <paramref name="perCall"/> per AddUnits stream (one logged change each).</summary>
    private async Task AddNumberedAsync(int calls, int perCall)
    {
        for (var call = 0; call < calls; call++)
        {
            using var stream = A.Units.AddUnits();
            for (var i = call * perCall; i < (call + 1) * perCall; i++)
            {
                await stream.RequestStream.WriteAsync(new AddUnitRequest { Memory = "news", Unit = Pair($"Ҷумлаи {i}.", $"Sentence {i}.") });
            }

            await stream.RequestStream.CompleteAsync();
            await stream;
        }
    }

    internal static TranslationUnit Pair(string source, string target) =>
        new() { Source = new Segment { Text = source }, Target = new Segment { Text = target } };
}
