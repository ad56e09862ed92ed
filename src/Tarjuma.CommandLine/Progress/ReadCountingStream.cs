namespace Tarjuma.CommandLine.Progress;

/// <summary>
/// A read-only view of a stream that counts the bytes read through it, so a progress bar can show
/// how far into a file an import is, whichever backend reads it and on whichever thread. It seeks when
/// its stream does, so a reader may treat it as the local file it is (the TMX reader then reads synchronously).
/// </summary>
internal sealed class ReadCountingStream(Stream inner, Action<long> progress) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => Interlocked.Read(ref _read);
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        // Progress is the position in the file, wherever a seek moved it.
        var position = inner.Seek(offset, origin);
        Interlocked.Exchange(ref _read, position);
        progress(position);
        return position;
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        progress(Interlocked.Add(ref _read, read));
        return read;
    }
}
