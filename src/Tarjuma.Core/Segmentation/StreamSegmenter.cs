using Tarjuma.Core.Model;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// Segments text that arrives in pieces (a gRPC stream, standard input) and gives each segment as soon
/// as it is final, with offsets into the whole stream. Text is held back until a paragraph break
/// (<see cref="TextLines.LastParagraphBreak"/>): a blank line always ends a segment, so the segments
/// are those of the whole text in one piece, wherever the pieces were cut (inside a CRLF, inside a
/// blank line), unless a paragraph runs past <see cref="MaxPendingCharacters"/>. Not thread-safe: one
/// instance per stream.
/// </summary>
public sealed class StreamSegmenter
{
    /// <summary>
    /// Default of <see cref="MaxPendingCharacters"/>: 1 Mi UTF-16 characters (2 MiB), the memory one
    /// stream may pin while it waits for a paragraph break.
    /// </summary>
    public const int DefaultMaxPendingCharacters = 1 << 20;

    private readonly Segmenter _segmenter;
    private readonly bool _paragraphsEndSegments;
    private readonly List<TextRange> _ranges = [];

    /// <summary>
    /// The text held back, <c>_buffer[.._pending]</c>, in a buffer reused for the whole stream: a new string
    /// per piece (pending text + piece, over 85 KB and so on the large-object heap for the usual 64 Ki-character
    /// pieces) made the server's garbage collector a quarter of a stream's CPU (issue #12).
    /// </summary>
    private char[] _buffer = [];
    private int _pending;
    private int _offset;

    /// <param name="segmenter">The segmenter, with the options of the whole stream.</param>
    /// <param name="maxPendingCharacters">See <see cref="MaxPendingCharacters"/>; at least 1.</param>
    public StreamSegmenter(Segmenter segmenter, int maxPendingCharacters = DefaultMaxPendingCharacters)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingCharacters, 1);
        _segmenter = segmenter;
        MaxPendingCharacters = maxPendingCharacters;

        // With RulesOnly, line breaks (blank lines too) are left to the rules: no paragraph break is final.
        _paragraphsEndSegments = segmenter.Options.LineBreaks != LineBreakMode.RulesOnly;
    }

    /// <summary>
    /// Characters held without a paragraph break before all but the last of their segments are given
    /// as final: bounds the memory of a stream without blank lines, at the price that a segment cut
    /// there might have been joined to what follows (the last one is kept, so only a rule looking
    /// ahead across a whole segment could tell).
    /// </summary>
    public int MaxPendingCharacters { get; }

    /// <summary>
    /// Adds <paramref name="piece"/> and returns the segments that are now final (often none). When
    /// the call throws (cancelled, or a rule timed out), nothing was added: the stream is as before.
    /// </summary>
    /// <exception cref="TarjumaException">The stream passed 2^31 - 1 characters (offsets are 32-bit), or see
    /// <see cref="Segmenter.Segment(ReadOnlySpan{char}, List{TextRange}, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<StreamedSegment> Append(ReadOnlySpan<char> piece, CancellationToken cancellationToken = default)
    {
        if ((long)_offset + _pending + piece.Length > int.MaxValue)
        {
            throw TarjumaException.InvalidArgument("text",
                $"a stream is segmented up to {int.MaxValue} characters (offsets are 32-bit); send longer text in several streams.");
        }

        if (_buffer.Length < _pending + piece.Length)
        {
            // Grows to the longest paragraph held plus a piece; at least doubling keeps the copies linear.
            Array.Resize(ref _buffer, Math.Max(_pending + piece.Length, (int)Math.Min(2L * _buffer.Length, Array.MaxLength)));
        }

        // Nothing is committed (_pending unchanged) until the segmentation below has succeeded.
        piece.CopyTo(_buffer.AsSpan(_pending));
        ReadOnlySpan<char> text = _buffer.AsSpan(0, _pending + piece.Length);
        var cut = _paragraphsEndSegments ? TextLines.LastParagraphBreak(text) : -1;
        _ranges.Clear();
        if (cut > 0)
        {
            _segmenter.Segment(text[..cut], _ranges, cancellationToken);
        }
        else if (text.Length > MaxPendingCharacters)
        {
            _segmenter.Segment(text, _ranges, cancellationToken);
            if (_ranges.Count > 1)
            {
                cut = _ranges[^1].Start;
                _ranges.RemoveAt(_ranges.Count - 1);
            }
            else
            {
                _ranges.Clear();
            }
        }

        var final = cut > 0 ? ToSegments(text, _ranges) : [];
        cut = Math.Max(cut, 0);
        text[cut..].CopyTo(_buffer);
        _pending = text.Length - cut;
        _offset += cut;
        return final;
    }

    /// <summary>The stream has ended: returns the segments of the text still held, and starts a new, empty stream.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (the text is still held).</exception>
    public IReadOnlyList<StreamedSegment> Complete(CancellationToken cancellationToken = default)
    {
        ReadOnlySpan<char> text = _buffer.AsSpan(0, _pending);
        _ranges.Clear();
        _segmenter.Segment(text, _ranges, cancellationToken);
        var rest = ToSegments(text, _ranges);
        _pending = 0;
        _offset = 0;
        return rest;
    }

    private List<StreamedSegment> ToSegments(ReadOnlySpan<char> text, List<TextRange> ranges)
    {
        var segments = new List<StreamedSegment>(ranges.Count);
        foreach (var range in ranges)
        {
            segments.Add(new StreamedSegment(new TextRange(_offset + range.Start, range.Length), new string(text.Slice(range.Start, range.Length))));
        }

        return segments;
    }
}
