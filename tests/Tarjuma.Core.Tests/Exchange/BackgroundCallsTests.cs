using Tarjuma.Core.Exchange;

namespace Tarjuma.Core.Tests.Exchange;

public sealed class BackgroundCallsTests
{
    [Fact]
    public async Task Every_item_is_handled_in_order_on_another_thread_before_completion_returns()
    {
        var handled = new List<int>();
        var posting = Environment.CurrentManagedThreadId;
        var elsewhere = new HashSet<bool>();
        using (var calls = new BackgroundCalls<int>(
            i =>
            {
                handled.Add(i);
                elsewhere.Add(Environment.CurrentManagedThreadId != posting && !Thread.CurrentThread.IsThreadPoolThread);
            },
            batchSize: 7,
            batchesAhead: 2))
        {
            for (var i = 0; i < 1_000; i++)
            {
                calls.Post(i);
            }

            await calls.CompleteAsync();
        }

        Assert.Equal(Enumerable.Range(0, 1_000), handled);
        Assert.Equal([true], elsewhere);
    }

    [Fact]
    public async Task A_failing_action_fails_a_later_post_or_the_completion()
    {
        using var calls = new BackgroundCalls<int>(i => throw new InvalidDataException($"item {i}"), batchSize: 2, batchesAhead: 1);

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                calls.Post(i);
            }

            await calls.CompleteAsync();
        });

        Assert.Equal("item 0", error.Message);
    }

    [Fact]
    public void Disposing_without_completing_stops_the_thread()
    {
        var handled = 0;
        var calls = new BackgroundCalls<int>(_ => Interlocked.Increment(ref handled), batchSize: 1, batchesAhead: 1);
        calls.Post(1);

        calls.Dispose();

        var after = Volatile.Read(ref handled);
        Assert.InRange(after, 0, 1);
    }
}
