using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Commands;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// Writes <c>tarjuma segment</c>'s segments, given as ranges of the stream, from the input blocks that hold them
/// (<see cref="SegmentInput"/>): a segment inside one block whose bytes are kept is written as those bytes when it needs no change
/// (no line break in plain output, nothing to escape in JSON), anything else is encoded from its text as before, so the output is
/// byte for byte what encoding every segment gives (well-formed UTF-8 decodes and encodes back to itself). Output collects in a
/// buffer written to <see cref="CliConsole.OutBytes"/> (or <see cref="CliConsole.Out"/>) when full and at each flush. The reader
/// adds each block (<see cref="Add"/>) before the segmenter sees its text; one writer thread writes the segments, in order.
/// </summary>
internal sealed class SegmentOutput
{
    /// <summary>Output bytes collected between writes to the stream (64 KiB: a system call per 64 KiB, as before).</summary>
    private const int BufferBytes = 64 * 1024;

    private static readonly SearchValues<char> LineBreakChars = SearchValues.Create(TextLines.LineBreakChars);

    /// <summary>The escaping of <see cref="JsonLine"/>: text it would write unchanged can be copied as it is.</summary>
    private static readonly JavaScriptEncoder JsonEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly ConcurrentQueue<InputBlock> _blocks = new();
    private readonly Stream? _stream;
    private readonly TextWriter _writer;
    private readonly bool _json;
    private readonly byte[] _newLine;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _used;

    /// <summary>The block holding the stream's position <see cref="_char"/> (written up to there), or null before the first.</summary>
    private InputBlock? _block;
    private int _char;

    /// <summary>A position of <see cref="_block"/> at or just before <see cref="_char"/> (never inside a surrogate pair), and its byte offset.</summary>
    private int _mappedChar;
    private int _mappedByte;

    public SegmentOutput(CliConsole console, bool json)
    {
        _stream = console.OutBytes;
        _writer = console.Out;
        _json = json;
        _newLine = Encoding.UTF8.GetBytes(console.Out.NewLine);
    }

    /// <summary>Adds the next block of input; call before its text reaches the segmenter.</summary>
    public void Add(InputBlock block) => _blocks.Enqueue(block);

    /// <summary>Writes <paramref name="segments"/> (ranges of the stream, after those written before) to the buffer.</summary>
    public void Write(IReadOnlyList<StreamedSegment> segments)
    {
        foreach (var segment in segments)
        {
            Write(segment.Range);
        }
    }

    /// <summary>Writes what the buffer holds to the output and flushes it.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken);
            _used = 0;
            await _stream.FlushAsync(cancellationToken);
        }
        else
        {
            WriteBuffer();
            await _writer.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Gives back the blocks still held (after the last segment, or on an error).</summary>
    public void Release()
    {
        _block?.Return();
        _block = null;
        while (_blocks.TryDequeue(out var block))
        {
            block.Return();
        }
    }

    private void Write(TextRange range)
    {
        MoveTo(range.Start);
        if (range.End > _block!.CharEnd || (range.Start == _block.CharEnd && range.Length > 0))
        {
            // Across blocks (a few segments in a run): its text put together, then encoded.
            var text = ArrayPool<char>.Shared.Rent(range.Length);
            var copied = 0;
            while (copied < range.Length)
            {
                if (_char == _block!.CharEnd)
                {
                    NextBlock();
                    continue;
                }

                var part = Math.Min(range.End, _block.CharEnd) - _char;
                _block.Text.Slice(_char - _block.CharStart, part).CopyTo(text.AsSpan(copied));
                copied += part;
                _char += part;
            }

            WriteEncoded(range, text.AsSpan(0, range.Length));
            ArrayPool<char>.Shared.Return(text);
            return;
        }

        var start = _char - _block.CharStart;
        var chars = _block.Text.Slice(start, range.Length);
        var bytes = ReadOnlySpan<byte>.Empty;
        var exact = _block.HasBytes && !SplitsPair(start) && !SplitsPair(start + range.Length);
        if (exact)
        {
            var from = Map(start);
            bytes = _block.Bytes.Slice(from, Map(start + range.Length) - from);
        }

        _char = range.End;
        if (!exact)
        {
            WriteEncoded(range, chars);
        }
        else if (!_json && chars.IndexOfAny(LineBreakChars) < 0)
        {
            Append(bytes);
            Append(_newLine);
        }
        else if (_json && JsonEncoder.FindFirstCharacterToEncodeUtf8(bytes) < 0)
        {
            WriteJsonStart(range);
            Append(bytes);
            Append("\"}"u8);
            Append(_newLine);
        }
        else
        {
            WriteEncoded(range, chars);
        }
    }

    /// <summary>The segment encoded from its text: the one-line form, or <see cref="JsonLine"/>'s object.</summary>
    private void WriteEncoded(TextRange range, ReadOnlySpan<char> text)
    {
        if (_json)
        {
            var segment = text.ToString();
            Encode(JsonLine.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", range.Start);
                writer.WriteNumber("length", range.Length);
                writer.WriteString("text", segment);
                writer.WriteEndObject();
            }));
        }
        else
        {
            // SegmentLines.OneLine: each run of line-break characters becomes one space.
            while (!text.IsEmpty)
            {
                var breakAt = text.IndexOfAny(LineBreakChars);
                if (breakAt < 0)
                {
                    Encode(text);
                    break;
                }

                Encode(text[..breakAt]);
                Append(" "u8);
                var after = text[breakAt..].IndexOfAnyExcept(LineBreakChars);
                text = after < 0 ? [] : text[(breakAt + after)..];
            }
        }

        Append(_newLine);
    }

    /// <summary><c>{"start":S,"length":L,"text":"</c> as <see cref="System.Text.Json.Utf8JsonWriter"/> writes it (no spaces).</summary>
    private void WriteJsonStart(TextRange range)
    {
        Span<byte> number = stackalloc byte[11];
        Append("{\"start\":"u8);
        Utf8Formatter.TryFormat(range.Start, number, out var written);
        Append(number[..written]);
        Append(",\"length\":"u8);
        Utf8Formatter.TryFormat(range.Length, number, out written);
        Append(number[..written]);
        Append(",\"text\":\""u8);
    }

    /// <summary>Moves to <paramref name="position"/> of the stream (at or after the current one), taking blocks as needed.</summary>
    private void MoveTo(int position)
    {
        _block ??= NextBlock();
        while (position > _block.CharEnd)
        {
            NextBlock();
        }

        _char = position;
    }

    private InputBlock NextBlock()
    {
        _block?.Return();
        _block = _blocks.TryDequeue(out var next)
            ? next
            : throw new InvalidOperationException("A segment was given before the input block holding it was added.");
        _char = _block.CharStart;
        _mappedChar = 0;
        _mappedByte = 0;
        return _block;
    }

    /// <summary>The byte offset in the block of <paramref name="position"/> (of the block's text, after the last one asked).</summary>
    private int Map(int position)
    {
        _mappedByte += Encoding.UTF8.GetByteCount(_block!.Text[_mappedChar..position]);
        _mappedChar = position;
        return _mappedByte;
    }

    /// <summary>Whether <paramref name="position"/> of the block's text falls between the two halves of a surrogate pair.</summary>
    private bool SplitsPair(int position)
    {
        var text = _block!.Text;
        return position > 0 && position < text.Length && char.IsHighSurrogate(text[position - 1]) && char.IsLowSurrogate(text[position]);
    }

    private void Encode(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            // At most 3 bytes a UTF-16 unit: encode a part that fits (whole pairs: a cut pair would become two U+FFFD).
            var room = (_buffer.Length - _used) / 3;
            if (room < 2)
            {
                WriteBuffer();
                continue;
            }

            var part = Math.Min(text.Length, room);
            if (part < text.Length && char.IsHighSurrogate(text[part - 1]))
            {
                part--;
            }

            _used += Encoding.UTF8.GetBytes(text[..part], _buffer.AsSpan(_used));
            text = text[part..];
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            WriteBuffer();
            if (bytes.Length > _buffer.Length)
            {
                WriteOut(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void WriteBuffer()
    {
        WriteOut(_buffer.AsSpan(0, _used));
        _used = 0;
    }

    /// <summary>Writes whole segments' bytes (complete UTF-8) to the output.</summary>
    private void WriteOut(ReadOnlySpan<byte> bytes)
    {
        if (_stream is not null)
        {
            _stream.Write(bytes);
        }
        else
        {
            _writer.Write(Encoding.UTF8.GetString(bytes));
        }
    }
}
