using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// Streamed segmentation on more than one core (issue #12): the caller's thread takes pieces and cuts
/// them at paragraph breaks (<see cref="StreamSegmenter.AppendDeferred"/>), the thread pool segments
/// the paragraphs, and one writer gives the segments in input order, each batch as soon as it and all
/// before it are done. The segments are those of <see cref="StreamSegmenter"/>: a paragraph break
/// always ends a segment, so paragraphs segment alone. At most <see cref="QueuedBatches"/> batches
/// wait to be written, which bounds memory (a batch is a read piece plus the paragraph it ends).
/// The first error (segmenting, writing, cancellation) stops the pipeline and is thrown to the caller.
/// </summary>
public sealed class SegmentPipeline : IAsyncDisposable
{
    /// <summary>Batches written or being segmented at once: two cores stay busy, memory stays a few MB.</summary>
    public const int QueuedBatches = 4;

    /// <summary>Text shorter than this is segmented on the caller's thread: a task costs more than it saves.</summary>
    public const int MinParallelCharacters = 8 * 1024;

    private readonly StreamSegmenter _stream;
    private readonly Func<IReadOnlyList<StreamedSegment>, bool, CancellationToken, ValueTask> _write;
    private readonly SegmentationBudget? _budget;
    private readonly Channel<Task<IReadOnlyList<StreamedSegment>>> _batches =
        Channel.CreateBounded<Task<IReadOnlyList<StreamedSegment>>>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task _writer;
    private volatile ExceptionDispatchInfo? _failure;

    /// <param name="stream">The stream's segmenter; used only through this pipeline from now on.</param>
    /// <param name="write">
    /// Writes one batch of segments (often empty), never two at once; its flag says whether more batches are queued
    /// (when none are, output should reach the reader now: an interactive user may be waiting for it).
    /// </param>
    /// <param name="budget">A time limit on segmenting each piece (a server's), or null.</param>
    /// <param name="cancellationToken">Cancels the whole pipeline.</param>
    public SegmentPipeline(StreamSegmenter stream, Func<IReadOnlyList<StreamedSegment>, bool, CancellationToken, ValueTask> write,
        SegmentationBudget? budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(write);
        _stream = stream;
        _write = write;
        _budget = budget;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _writer = Task.Run(WriteAllAsync, CancellationToken.None);
    }

    /// <summary>Adds a piece of the stream; returns once its paragraphs are queued (waits while the queue is full).</summary>
    /// <exception cref="TarjumaException">See <see cref="StreamSegmenter.Append"/>, the budget's error, or the writer's.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async ValueTask AppendAsync(ReadOnlyMemory<char> piece)
    {
        StreamSegmenter.FinalText final;
        try
        {
            final = Run(token => _stream.AppendDeferred(piece.Span, token));
        }
        catch (OperationCanceledException) when (_failure is not null)
        {
            _failure.Throw();
            throw;
        }

        await EnqueueAsync(final);
    }

    /// <summary>The stream has ended: queues the text still held and returns once every segment is written.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task CompleteAsync()
    {
        await EnqueueAsync(_stream.CompleteDeferred());
        _batches.Writer.TryComplete();
        await _writer;
    }

    public async ValueTask DisposeAsync()
    {
        // Stops the writer and the queued segmentations; their errors were thrown to the caller already, or do not matter.
        await _stop.CancelAsync();
        _batches.Writer.TryComplete();
        try
        {
            await _writer;
        }
        catch (Exception)
        {
            // Observed: thrown from AppendAsync or CompleteAsync, or the caller is leaving on an error of its own.
        }

        while (_batches.Reader.TryRead(out var batch))
        {
            _ = batch.Exception;
        }

        _stop.Dispose();
    }

    private async ValueTask EnqueueAsync(StreamSegmenter.FinalText final)
    {
        var token = _stop.Token;
        var batch = final.Length >= MinParallelCharacters
            ? Task.Run(() => Run(final.Segment), token)
            : Segment(final);
        try
        {
            await _batches.Writer.WriteAsync(batch, token);
        }
        catch (OperationCanceledException) when (_failure is not null)
        {
            _failure.Throw();
            throw;
        }
    }

    /// <summary>Segments on this thread, the error (if any) in the task like a pooled one's.</summary>
    private Task<IReadOnlyList<StreamedSegment>> Segment(StreamSegmenter.FinalText final)
    {
        try
        {
            return Task.FromResult(Run(final.Segment));
        }
        catch (OperationCanceledException e)
        {
            return Task.FromCanceled<IReadOnlyList<StreamedSegment>>(e.CancellationToken.IsCancellationRequested ? e.CancellationToken : _stop.Token);
        }
        catch (Exception e)
        {
            return Task.FromException<IReadOnlyList<StreamedSegment>>(e);
        }
    }

    private T Run<T>(Func<CancellationToken, T> segment)
    {
        if (_budget is not { } budget)
        {
            return segment(_stop.Token);
        }

        using var work = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        work.CancelAfter(budget.Limit);
        try
        {
            return segment(work.Token);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            throw budget.Exceeded();
        }
    }

    private async Task WriteAllAsync()
    {
        var token = _stop.Token;
        try
        {
            var reader = _batches.Reader;
            while (await reader.WaitToReadAsync(token))
            {
                while (reader.TryRead(out var batch))
                {
                    var segments = await batch;
                    await _write(segments, reader.TryPeek(out _), token);
                }
            }
        }
        catch (Exception e)
        {
            // The caller may be waiting for room in the queue: stop it, and it throws this error (set first).
            _failure = ExceptionDispatchInfo.Capture(e);
            await _stop.CancelAsync();
            throw;
        }
    }
}

/// <summary>A time limit on segmenting one piece of a stream, and the error to throw past it.</summary>
public sealed record SegmentationBudget(TimeSpan Limit, Func<Exception> Exceeded);
