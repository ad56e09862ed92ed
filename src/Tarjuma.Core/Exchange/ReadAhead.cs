using System.Threading.Channels;

namespace Tarjuma.Core.Exchange;

/// <summary>
/// Two stages of a stream on two threads: a producer enumerates the source and maps each item on its own
/// thread, a bounded channel ahead of the consumer, so both cores work and memory stays flat.
/// </summary>
public static class ReadAhead
{
    /// <summary>
    /// Runs <paramref name="consume"/> over <paramref name="source"/> mapped by <paramref name="map"/>, the
    /// enumeration and the mapping on another thread at most <paramref name="capacity"/> items ahead.
    /// A producer failure reaches the consumer as a failure of its item stream (at the item where it
    /// happened); when the consumer returns or throws, the producer is stopped and awaited before this
    /// returns, so nothing runs on after it.
    /// </summary>
    public static async Task<TResult> ConsumeAsync<TItem, TMapped, TResult>(IAsyncEnumerable<TItem> source, Func<TItem, TMapped> map, int capacity,
        Func<IAsyncEnumerable<TMapped>, Task<TResult>> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(consume);
        var channel = Channel.CreateBounded<TMapped>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var item in source.WithCancellation(stop.Token))
                    {
                        var mapped = map(item);
                        if (!channel.Writer.TryWrite(mapped))
                        {
                            await channel.Writer.WriteAsync(mapped, stop.Token);
                        }
                    }

                    channel.Writer.Complete();
                }
                catch (Exception exception)
                {
                    channel.Writer.Complete(exception);
                }
            },
            CancellationToken.None);
        try
        {
            return await consume(channel.Reader.ReadAllAsync(stop.Token));
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }
}
