using System.Buffers;
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
    private readonly bool _withText;
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
    /// <param name="withText">
    /// False: segments carry their range only (<see cref="StreamedSegment.Text"/> is empty), for a caller that has the
    /// text already, such as a server asked for offsets only: a string per segment is most of what it would allocate.
    /// </param>
    public StreamSegmenter(Segmenter segmenter, int maxPendingCharacters = DefaultMaxPendingCharacters, bool withText = true)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingCharacters, 1);
        _segmenter = segmenter;
        MaxPendingCharacters = maxPendingCharacters;
        _withText = withText;

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
        var cut = Take(piece, out var segments, cancellationToken);
        ReadOnlySpan<char> text = _buffer.AsSpan(0, _pending + piece.Length);
        if (segments is null && cut > 0)
        {
            _ranges.Clear();
            _segmenter.Segment(text[..cut], _ranges, cancellationToken);
            segments = ToSegments(text, _ranges, _offset, _withText);
        }

        Commit(text, cut);
        return segments ?? [];
    }

    /// <summary>
    /// Adds <paramref name="piece"/> like <see cref="Append"/> but returns the text now final unsegmented, so that
    /// another thread may segment it (<see cref="FinalText.Segment"/>) while this one takes the next piece: it ends at a
    /// paragraph break, so its segments do not depend on what follows. Only a paragraph past
    /// <see cref="MaxPendingCharacters"/> is segmented here (where to cut depends on its segments).
    /// </summary>
    /// <exception cref="TarjumaException">See <see cref="Append"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public FinalText AppendDeferred(ReadOnlySpan<char> piece, CancellationToken cancellationToken = default)
    {
        var cut = Take(piece, out var segments, cancellationToken);
        ReadOnlySpan<char> text = _buffer.AsSpan(0, _pending + piece.Length);
        var final = segments is not null ? new FinalText(null, [], 0, _offset, segments, _withText)
            : cut > 0 ? new FinalText(_segmenter, Pooled(text[..cut]), cut, _offset, null, _withText)
            : FinalText.None;
        Commit(text, cut);
        return final;
    }

    /// <summary>
    /// Puts <paramref name="piece"/> after the text held, without committing it (<see cref="Commit"/> does), and returns
    /// how much of the whole is final (0: none); <paramref name="segments"/> are its segments when a paragraph past
    /// <see cref="MaxPendingCharacters"/> had to be segmented to find that.
    /// </summary>
    private int Take(ReadOnlySpan<char> piece, out List<StreamedSegment>? segments, CancellationToken cancellationToken)
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

        // Nothing is committed (_pending unchanged) until the caller's segmentation has succeeded too.
        piece.CopyTo(_buffer.AsSpan(_pending));
        ReadOnlySpan<char> text = _buffer.AsSpan(0, _pending + piece.Length);
        var cut = _paragraphsEndSegments ? TextLines.LastParagraphBreak(text) : -1;
        segments = null;
        if (cut <= 0 && text.Length > MaxPendingCharacters)
        {
            _ranges.Clear();
            _segmenter.Segment(text, _ranges, cancellationToken);
            if (_ranges.Count > 1)
            {
                cut = _ranges[^1].Start;
                _ranges.RemoveAt(_ranges.Count - 1);
                segments = ToSegments(text, _ranges, _offset, _withText);
            }
        }

        return Math.Max(cut, 0);
    }

    /// <summary>Keeps <paramref name="text"/> from <paramref name="cut"/> as the text held: the rest was given.</summary>
    private void Commit(ReadOnlySpan<char> text, int cut)
    {
        text[cut..].CopyTo(_buffer);
        _pending = text.Length - cut;
        _offset += cut;
    }

    /// <summary>The stream has ended: returns the segments of the text still held, and starts a new, empty stream.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (the text is still held).</exception>
    public IReadOnlyList<StreamedSegment> Complete(CancellationToken cancellationToken = default)
    {
        ReadOnlySpan<char> text = _buffer.AsSpan(0, _pending);
        _ranges.Clear();
        _segmenter.Segment(text, _ranges, cancellationToken);
        var rest = ToSegments(text, _ranges, _offset, _withText);
        _pending = 0;
        _offset = 0;
        return rest;
    }

    /// <summary>
    /// The stream has ended: returns the text still held, unsegmented (see <see cref="AppendDeferred"/>), and starts
    /// a new, empty stream.
    /// </summary>
    public FinalText CompleteDeferred()
    {
        var final = new FinalText(_segmenter, Pooled(_buffer.AsSpan(0, _pending)), _pending, _offset, null, _withText);
        _pending = 0;
        _offset = 0;
        return final;
    }

    private static char[] Pooled(ReadOnlySpan<char> text)
    {
        // A pooled copy: a string per piece (128 KiB, on the large-object heap) would bring back the collections above.
        var copy = ArrayPool<char>.Shared.Rent(text.Length);
        text.CopyTo(copy);
        return copy;
    }

    private static List<StreamedSegment> ToSegments(ReadOnlySpan<char> text, List<TextRange> ranges, int offset, bool withText)
    {
        var segments = new List<StreamedSegment>(ranges.Count);
        foreach (var range in ranges)
        {
            var segmentText = withText ? new string(text.Slice(range.Start, range.Length)) : string.Empty;
            segments.Add(new StreamedSegment(new TextRange(offset + range.Start, range.Length), segmentText));
        }

        return segments;
    }

    /// <summary>
    /// Text of a stream that is final (<see cref="AppendDeferred"/>): segment it once, on any thread. Its text is a
    /// pooled buffer, given back by <see cref="Segment"/>.
    /// </summary>
    public sealed class FinalText
    {
        internal static readonly FinalText None = new(null, [], 0, 0, [], withText: true);

        private readonly Segmenter? _segmenter;
        private readonly int _length;
        private readonly int _offset;
        private readonly List<StreamedSegment>? _segments;
        private readonly bool _withText;
        private char[]? _text;

        internal FinalText(Segmenter? segmenter, char[] text, int length, int offset, List<StreamedSegment>? segments, bool withText)
        {
            _withText = withText;
            _segmenter = segmenter;
            _text = text;
            _length = length;
            _offset = offset;
            _segments = segments;
        }

        /// <summary>UTF-16 characters still to segment: 0 when the segments are known already.</summary>
        public int Length => _segments is null ? _length : 0;

        /// <summary>The segments, with offsets into the whole stream.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public IReadOnlyList<StreamedSegment> Segment(CancellationToken cancellationToken = default)
        {
            if (_segments is not null)
            {
                return _segments;
            }

            // Exchange: a second call finds no text, rather than a buffer already back in the pool.
            var text = Interlocked.Exchange(ref _text, null) ?? throw new InvalidOperationException("This final text was segmented already.");
            try
            {
                var ranges = new List<TextRange>();
                _segmenter!.Segment(text.AsSpan(0, _length), ranges, cancellationToken);
                return ToSegments(text.AsSpan(0, _length), ranges, _offset, _withText);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(text);
            }
        }
    }
}
