using System.Buffers;
using System.Text;
using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// Standard input of <c>tarjuma segment</c> in blocks (<see cref="InputBlock"/>): decoded to UTF-16 for the segmenter and, when
/// the input is UTF-8 that decodes without replacement, with the block's bytes beside it, so that <see cref="SegmentOutput"/> can
/// write a segment as its input bytes instead of encoding it again (issue #12: transcoding was a fifth of a run's CPU). The text is
/// what <see cref="CliConsole.In"/>'s reader gives: a byte-order mark is dropped (UTF-8) or names the encoding (UTF-16, UTF-32:
/// then no bytes are kept), and invalid UTF-8 becomes U+FFFD as the runtime's decoder replaces it (that block keeps no bytes).
/// Blocks end at whole UTF-8 sequences, so a block's text is exactly its bytes decoded.
/// </summary>
internal sealed class SegmentInput
{
    /// <summary>Bytes (or characters, from a reader) read at a time: 64 Ki, large next to a paragraph, small next to memory.</summary>
    public const int DefaultBlockSize = 64 * 1024;

    /// <summary>The most bytes of an incomplete UTF-8 sequence carried to the next block, or of a byte-order mark.</summary>
    private const int MaxCarried = 4;

    private readonly Stream? _bytes;
    private readonly TextReader _reader;
    private readonly int _blockSize;
    private readonly byte[] _carry = new byte[MaxCarried];
    private int _carried;
    private bool _started;
    private bool _ended;
    private int _charStart;

    /// <summary>Another encoding named by a byte-order mark: its decoder (blocks then keep no bytes).</summary>
    private Decoder? _decoder;

    /// <param name="console">Reads <see cref="CliConsole.InBytes"/> when there is one, else <see cref="CliConsole.In"/>.</param>
    /// <param name="blockSize">Bytes or characters per read (tests use small ones to cut sequences between blocks).</param>
    public SegmentInput(CliConsole console, int blockSize = DefaultBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _bytes = console.InBytes;
        _reader = console.In;
        _blockSize = blockSize;
    }

    /// <summary>The next block (never empty), or null at the end of the input.</summary>
    public async ValueTask<InputBlock?> ReadAsync(CancellationToken cancellationToken)
    {
        while (!_ended)
        {
            var block = _bytes is null ? await ReadTextAsync(cancellationToken) : await ReadBytesAsync(_bytes, cancellationToken);
            if (block is not null)
            {
                _charStart += block.CharCount;
                return block;
            }
        }

        return null;
    }

    private async ValueTask<InputBlock?> ReadTextAsync(CancellationToken cancellationToken)
    {
        var chars = ArrayPool<char>.Shared.Rent(_blockSize);
        var read = await _reader.ReadAsync(chars.AsMemory(0, _blockSize), cancellationToken);
        if (read == 0)
        {
            _ended = true;
            ArrayPool<char>.Shared.Return(chars);
            return null;
        }

        return new InputBlock(chars, read, null, 0, 0, _charStart);
    }

    private async ValueTask<InputBlock?> ReadBytesAsync(Stream input, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(_blockSize + MaxCarried);
        _carry.AsSpan(0, _carried).CopyTo(bytes);
        var count = _carried;
        _carried = 0;
        var end = false;
        do
        {
            // The first block is read on while it may be the start of a byte-order mark (a person typing waits no longer).
            var read = await input.ReadAsync(bytes.AsMemory(count, _blockSize), cancellationToken);
            end = read == 0;
            count += read;
        }
        while (!_started && !end && MayStartMark(bytes.AsSpan(0, count)));

        var start = _started ? 0 : SkipByteOrderMark(bytes.AsSpan(0, count));
        _started = true;
        _ended = end;
        var source = bytes.AsSpan(start, count - start);
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(source.Length + MaxCarried, 1));
        int written;
        var exact = false;
        if (_decoder is not null)
        {
            _decoder.Convert(source, chars, flush: end, out _, out written, out _);
        }
        else
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(source, chars, out var used, out written, replaceInvalidSequences: false, isFinalBlock: end);
            exact = status != System.Buffers.OperationStatus.InvalidData;
            if (!exact)
            {
                // As the runtime's decoder does (U+FFFD per maximal invalid subpart); this block's text is then not its bytes.
                System.Text.Unicode.Utf8.ToUtf16(source, chars, out used, out written, replaceInvalidSequences: true, isFinalBlock: end);
            }

            // An incomplete sequence at the end waits for the next block's bytes.
            _carried = source.Length - used;
            source[used..].CopyTo(_carry);
            count = start + used;
        }

        if (written == 0)
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(bytes);
            return null;
        }

        if (exact)
        {
            return new InputBlock(chars, written, bytes, start, count - start, _charStart);
        }

        ArrayPool<byte>.Shared.Return(bytes);
        return new InputBlock(chars, written, null, 0, 0, _charStart);
    }

    /// <summary>Whether <paramref name="start"/> is shorter than and begins one of the byte-order marks <see cref="SkipByteOrderMark"/> knows.</summary>
    private static bool MayStartMark(ReadOnlySpan<byte> start) =>
        Begins([0xEF, 0xBB, 0xBF], start) || Begins([0xFE, 0xFF], start) || Begins([0xFF, 0xFE, 0, 0], start) || Begins([0, 0, 0xFE, 0xFF], start);

    private static bool Begins(ReadOnlySpan<byte> mark, ReadOnlySpan<byte> start) => start.Length < mark.Length && mark.StartsWith(start);

    /// <summary>
    /// The bytes a byte-order mark takes at the start, as <see cref="StreamReader"/>'s detection reads them: UTF-8's is dropped;
    /// UTF-16's and UTF-32's choose that encoding for the whole input (<see cref="_decoder"/>).
    /// </summary>
    private int SkipByteOrderMark(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return 3;
        }

        (Encoding? encoding, int length) = start switch
        {
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2),
            [0xFF, 0xFE, 0, 0, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2),
            [0, 0, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
            _ => ((Encoding?)null, 0),
        };
        _decoder = encoding?.GetDecoder();
        return length;
    }
}

/// <summary>
/// A block of input: its text (<see cref="Text"/>, from <see cref="CharStart"/> in the stream's UTF-16 offsets) and, when the text
/// is exactly their UTF-8 decoding, its bytes (<see cref="HasBytes"/>). Its arrays are pooled: <see cref="Return"/> gives them back.
/// </summary>
internal sealed class InputBlock(char[] chars, int charCount, byte[]? bytes, int byteStart, int byteCount, int charStart)
{
    private char[]? _chars = chars;
    private byte[]? _bytes = bytes;

    public int CharStart { get; } = charStart;

    public int CharCount { get; } = charCount;

    public int CharEnd => CharStart + CharCount;

    public bool HasBytes => _bytes is not null;

    public ReadOnlySpan<char> Text => _chars.AsSpan(0, CharCount);

    public ReadOnlyMemory<char> TextMemory => _chars.AsMemory(0, CharCount);

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(byteStart, byteCount);

    public void Return()
    {
        if (_chars is not null)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = null;
        }

        if (_bytes is not null)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = null;
        }
    }
}
