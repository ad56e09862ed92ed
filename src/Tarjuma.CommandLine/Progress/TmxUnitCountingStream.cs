namespace Tarjuma.CommandLine.Progress;

/// <summary>
/// A write-only view of an export's output that counts the translation units written, by
/// counting <c>&lt;/tu&gt;</c> end tags in the bytes as they pass (the same for a local export and
/// for chunks from a server). Exact: the writer escapes every <c>&lt;</c> in text, so the end tag
/// appears only as markup, and the scan carries a partial tag across writes.
/// </summary>
internal sealed class TmxUnitCountingStream(Stream inner, Action<long> progress) : Stream
{
    private static readonly byte[] EndTag = "</tu>"u8.ToArray();
    private int _matched;
    private long _units;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Units whose end tag has been written.</summary>
    public long Units => _units;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        Scan(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        Scan(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Scan(ReadOnlySpan<byte> bytes)
    {
        var before = _units;

        // Finish a tag begun in the previous write ("</tu>" has no proper prefix that is also a
        // suffix, so a mismatch drops the partial match and the byte is scanned afresh below).
        while (_matched > 0 && !bytes.IsEmpty)
        {
            if (bytes[0] != EndTag[_matched])
            {
                _matched = 0;
                break;
            }

            _matched++;
            bytes = bytes[1..];
            if (_matched == EndTag.Length)
            {
                _units++;
                _matched = 0;
            }
        }

        // Whole tags, vectorised.
        int at;
        while ((at = bytes.IndexOf(EndTag)) >= 0)
        {
            _units++;
            bytes = bytes[(at + EndTag.Length)..];
        }

        // A tag cut by the end of this write.
        for (var length = Math.Min(EndTag.Length - 1, bytes.Length); length > 0; length--)
        {
            if (bytes[^length..].SequenceEqual(EndTag.AsSpan(0, length)))
            {
                _matched = length;
                break;
            }
        }

        if (_units != before)
        {
            progress(_units);
        }
    }
}
