using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Tarjuma.Core.Exchange;

/// <summary>
/// Calls an action for each posted item, in order, on a thread of its own: work that a caller must not wait
/// for item by item (an import's abbreviation learning, off the thread that writes the units). Items travel
/// in batches, at most <c>batchesAhead</c> of them waiting, so memory stays flat; <see cref="Post"/> blocks when
/// the thread falls that far behind. Not thread-safe: one thread posts.
/// </summary>
internal sealed class BackgroundCalls<T> : IDisposable
{
    private readonly Action<T> _action;
    private readonly int _batchSize;
    private readonly BlockingCollection<T[]> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _consumer;
    private T[] _batch;
    private int _count;
    private Exception? _failure;

    public BackgroundCalls(Action<T> action, int batchSize, int batchesAhead)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _action = action;
        _batchSize = batchSize;
        _batch = new T[batchSize];
        _queue = new BlockingCollection<T[]>(boundedCapacity: batchesAhead);

        // A dedicated thread: the consumer blocks on the queue, which must not hold a thread-pool thread.
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Hands one item over; throws what the action threw on an earlier item.</summary>
    public void Post(T item)
    {
        _batch[_count++] = item;
        if (_count == _batchSize)
        {
            Flush();
        }
    }

    /// <summary>Hands the last items over and waits until the action has been called on every item.</summary>
    public async Task CompleteAsync()
    {
        if (_count > 0)
        {
            Flush();
        }

        _queue.CompleteAdding();
        await _consumer;
        ThrowIfFailed();
    }

    /// <summary>Stops the thread (items not yet handled are dropped) and waits for it.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _consumer.Wait();
        _queue.Dispose();
        _stop.Dispose();
    }

    private void Flush()
    {
        ThrowIfFailed();
        var full = _count == _batchSize ? _batch : _batch[.._count];
        try
        {
            _queue.Add(full, _stop.Token);
        }
        catch (OperationCanceledException) when (_failure is not null)
        {
            ThrowIfFailed();
        }

        _batch = new T[_batchSize];
        _count = 0;
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private void Consume()
    {
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable(_stop.Token))
            {
                foreach (var item in batch)
                {
                    _action(item);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the import ended without completing.
        }
        catch (Exception exception)
        {
            Volatile.Write(ref _failure, exception);
            _stop.Cancel();
        }
    }
}
