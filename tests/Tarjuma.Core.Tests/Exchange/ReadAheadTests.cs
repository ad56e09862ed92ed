using Tarjuma.Core.Exchange;

namespace Tarjuma.Core.Tests.Exchange;

public sealed class ReadAheadTests
{
    private static async IAsyncEnumerable<int> Numbers(int count, int? failAt = null)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            if (i == failAt)
            {
                throw new InvalidDataException($"item {i}");
            }

            yield return i;
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task Every_item_arrives_mapped_and_in_order_through_a_small_channel()
    {
        var result = await ReadAhead.ConsumeAsync(Numbers(1_000), i => i * 2, capacity: 3, ToListAsync, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => i * 2), result);
    }

    [Fact]
    public async Task A_source_failure_reaches_the_consumer_after_the_items_before_it()
    {
        var seen = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAhead.ConsumeAsync(Numbers(100, failAt: 40), i => i, capacity: 8,
            async items =>
            {
                await foreach (var item in items)
                {
                    seen.Add(item);
                }

                return 0;
            },
            CancellationToken.None));

        Assert.Equal("item 40", error.Message);
        Assert.Equal(Enumerable.Range(0, 40), seen);
    }

    [Fact]
    public async Task A_consumer_failure_stops_the_producer_before_returning()
    {
        var produced = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAhead.ConsumeAsync(Numbers(1_000_000), i => Interlocked.Increment(ref produced),
            capacity: 4,
            async items =>
            {
                await foreach (var item in items)
                {
                    if (item == 10)
                    {
                        throw new InvalidOperationException("store failed");
                    }
                }

                return 0;
            },
            CancellationToken.None));

        var after = Volatile.Read(ref produced);
        await Task.Delay(50);
        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.True(after < 1_000, $"the producer ran on to {after}");
    }
}
