using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary>
/// What a listening store answers from memory (the log's head, memories it read) stays the database's:
/// other processes' writes reach it through notifications, its own writes at once.
/// </summary>
public sealed class ReplicaStateTests : IAsyncLifetime
{
    private TestSchema? _schema;
    private PostgresMemoryStore? _writer;
    private PostgresMemoryStore? _replica;

    /// <summary>Another process: the command line's store, which does not listen.</summary>
    private PostgresMemoryStore Writer => _writer!;

    /// <summary>A serving replica's store.</summary>
    private PostgresMemoryStore Replica => _replica!;

    public async Task InitializeAsync()
    {
        _schema = await TestSchema.CreateAsync();
        _writer = PostgresMemoryStore.Open(_schema.Options);
        await Writer.CreateMemoryAsync(new NewMemory("tg-en", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
        _replica = PostgresMemoryStore.Open(_schema.Options with { Listen = true });
    }

    public async Task DisposeAsync()
    {
        _replica?.Dispose();
        _writer?.Dispose();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task The_log_head_follows_other_writers_through_notifications_and_own_writes_at_once()
    {
        await Writer.AddUnitsAsync("tg-en", [Unit(1)]);
        var head = await Writer.GetLatestChangeAsync();
        await Eventually.ReturnsAsync(() => Replica.GetLatestChangeAsync(), h => h == head, "the writer's head on the replica");

        await Replica.AddUnitsAsync("tg-en", [Unit(2), Unit(3)]);

        // No wait: a write through the replica moves what it knows before the call returns.
        Assert.Equal(head + 2, await Replica.GetLatestChangeAsync());
        Assert.Equal(head + 2, await Writer.GetLatestChangeAsync());
    }

    [SkippableFact]
    public async Task Notifications_of_a_store_in_another_schema_of_the_database_are_not_taken_for_ours()
    {
        await using var otherSchema = await TestSchema.CreateAsync();
        using (var other = PostgresMemoryStore.Open(otherSchema.Options))
        {
            // Its log runs far ahead of ours, on the same database's notification channel.
            await other.CreateMemoryAsync(new NewMemory("tg-en", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
            await other.AddUnitsAsync("tg-en", [.. Enumerable.Range(0, 20).Select(Unit)]);
        }

        await Writer.AddUnitsAsync("tg-en", [Unit(1)]);

        var head = await Writer.GetLatestChangeAsync();
        await Eventually.ReturnsAsync(() => Replica.GetLatestChangeAsync(), h => h == head, "our head on the replica, not the other schema's");
    }

    [SkippableFact]
    public async Task A_memory_read_once_is_answered_from_memory_until_any_write_is_announced()
    {
        await WaitUntilCachedAsync();

        // A description changes no log entry; its notification still retires the cached copy.
        await Writer.UpdateMemoryDescriptionAsync("tg-en", "news");
        await Eventually.ReturnsAsync(() => Replica.FindMemoryAsync("tg-en"), m => m!.Description == "news", "the new description on the replica");
        await Writer.AddUnitsAsync("tg-en", [Unit(1)]);
        await Eventually.ReturnsAsync(() => Replica.FindMemoryAsync("tg-en"), m => m!.UnitCount == 1, "the writer's unit on the replica");

        await WaitUntilCachedAsync();
        await Replica.AddUnitsAsync("tg-en", [Unit(2)]);
        Assert.Equal(2, (await Replica.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [SkippableFact]
    public async Task No_keys_is_remembered_until_another_process_creates_one()
    {
        Assert.False(await Replica.AnyKeysAsync());

        await Writer.CreateAsync(new Core.Security.NewApiKey("ci", IsAdmin: true, Grants: []));

        await Eventually.ReturnsAsync(() => Replica.AnyKeysAsync(), any => any, "the writer's key on the replica");
    }

    [SkippableFact]
    public async Task A_store_that_does_not_listen_reads_every_time()
    {
        var first = await Writer.FindMemoryAsync("tg-en");

        Assert.NotSame(first, await Writer.FindMemoryAsync("tg-en"));
    }

    /// <summary>Until the replica's listener is connected and the memory is cached (the same instance comes back twice).</summary>
    private async Task WaitUntilCachedAsync() =>
        await Eventually.ReturnsAsync(
            async () => ReferenceEquals(await Replica.FindMemoryAsync("tg-en"), await Replica.FindMemoryAsync("tg-en")), same => same, "a cached memory");

    private static TranslationUnit Unit(int i) => new() { Source = new SegmentText($"Ҷумла {i}."), Target = new SegmentText($"Sentence {i}.") };
}
