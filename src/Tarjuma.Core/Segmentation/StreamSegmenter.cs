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
    private string _pending = string.Empty;
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
        if ((long)_offset + _pending.Length + piece.Length > int.MaxValue)
        {
            throw TarjumaException.InvalidArgument("text",
                $"a stream is segmented up to {int.MaxValue} characters (offsets are 32-bit); send longer text in several streams.");
        }

        var text = string.Concat(_pending, piece);
        var cut = _paragraphsEndSegments ? TextLines.LastParagraphBreak(text) : -1;
        IReadOnlyList<TextRange> ranges = cut > 0 ? _segmenter.Segment(text.AsSpan(0, cut), cancellationToken) : [];
        if (cut <= 0 && text.Length > MaxPendingCharacters)
        {
            var all = _segmenter.Segment(text, cancellationToken);
            if (all.Count > 1)
            {
                ranges = [.. all.Take(all.Count - 1)];
                cut = all[^1].Start;
            }
        }

        var final = cut > 0 ? ToSegments(text, ranges) : [];
        _pending = cut > 0 ? text[cut..] : text;
        _offset += Math.Max(cut, 0);
        return final;
    }

    /// <summary>The stream has ended: returns the segments of the text still held, and starts a new, empty stream.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (the text is still held).</exception>
    public IReadOnlyList<StreamedSegment> Complete(CancellationToken cancellationToken = default)
    {
        var rest = ToSegments(_pending, _segmenter.Segment(_pending, cancellationToken));
        _pending = string.Empty;
        _offset = 0;
        return rest;
    }

    private List<StreamedSegment> ToSegments(string text, IReadOnlyList<TextRange> ranges)
    {
        var segments = new List<StreamedSegment>(ranges.Count);
        foreach (var range in ranges)
        {
            segments.Add(new StreamedSegment(new TextRange(_offset + range.Start, range.Length), text.Substring(range.Start, range.Length)));
        }

        return segments;
    }
}
