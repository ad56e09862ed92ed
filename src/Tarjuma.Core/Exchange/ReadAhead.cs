using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Tarjuma.Core.Exchange;

/// <summary>
/// Two stages of a stream on two threads: a producer enumerates the source and maps each item on its own
/// thread, a bounded channel ahead of the consumer, so both cores work and memory stays flat.
/// </summary>
public static class ReadAhead
{
    /// <summary>
    /// Items handed over at a time: one channel operation (and at most one thread wake-up) per batch instead
    /// of per item, which on 2 busy cores cost more than the second stage saved.
    /// </summary>
    private const int BatchSize = 128;

    /// <summary>
    /// Runs <paramref name="consume"/> over <paramref name="source"/> mapped by <paramref name="map"/>, the
    /// enumeration and the mapping on another thread at most about <paramref name="capacity"/> items ahead,
    /// handed over in batches. A producer failure reaches the consumer as a failure of its item stream, after
    /// the items before it; when the consumer returns or throws, the producer is stopped and awaited before
    /// this returns, so nothing runs on after it.
    /// </summary>
    public static async Task<TResult> ConsumeAsync<TItem, TMapped, TResult>(IAsyncEnumerable<TItem> source, Func<TItem, TMapped> map, int capacity,
        Func<IAsyncEnumerable<TMapped>, Task<TResult>> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(consume);
        var batchSize = Math.Clamp(capacity / 4, 1, BatchSize);
        var channel = Channel.CreateBounded<TMapped[]>(new BoundedChannelOptions(Math.Max(1, capacity / batchSize))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(source, map, batchSize, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            return await consume(Flatten(channel.Reader, stop.Token));
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    private static async Task ProduceAsync<TItem, TMapped>(IAsyncEnumerable<TItem> source, Func<TItem, TMapped> map, int batchSize,
        ChannelWriter<TMapped[]> writer, CancellationToken cancellationToken)
    {
        var batch = new TMapped[batchSize];
        var count = 0;
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                batch[count++] = map(item);
                if (count == batchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                    batch = new TMapped[batchSize];
                    count = 0;
                }
            }

            if (count > 0)
            {
                await writer.WriteAsync(batch[..count], cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception exception)
        {
            // The items mapped before the failure go first, so the consumer fails where the source did.
            if (count > 0 && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await writer.WriteAsync(batch[..count], cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // The consumer stopped meanwhile: it no longer needs them.
                }
            }

            writer.Complete(exception);
        }
    }

    private static async IAsyncEnumerable<TMapped> Flatten<TMapped>(ChannelReader<TMapped[]> reader,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in reader.ReadAllAsync(cancellationToken))
        {
            foreach (var item in batch)
            {
                yield return item;
            }
        }
    }
}
