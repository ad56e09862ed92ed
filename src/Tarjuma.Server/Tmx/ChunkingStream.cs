namespace Tarjuma.Server.Tmx;

/// <summary>A write-only stream that hands its bytes on in chunks of a fixed size (export streaming).</summary>
internal sealed class ChunkingStream(int chunkSize, Func<ReadOnlyMemory<byte>, CancellationToken, Task> sink) : Stream
{
    private readonly byte[] _buffer = new byte[chunkSize];
    private int _count;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Write asynchronously: chunks go to a network stream.");

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _buffer.Length - _count);
            buffer[..take].CopyTo(_buffer.AsMemory(_count));
            _count += take;
            buffer = buffer[take..];
            if (_count == _buffer.Length)
            {
                await EmitAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => EmitAsync(cancellationToken);

    public override void Flush()
    {
        // Nothing to do synchronously; XmlWriter calls Flush after FlushAsync.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task EmitAsync(CancellationToken cancellationToken)
    {
        if (_count == 0)
        {
            return;
        }

        await sink(_buffer.AsMemory(0, _count), cancellationToken);
        _count = 0;
    }
}
