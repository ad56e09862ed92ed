using System.Runtime.CompilerServices;
using System.Text;
using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

public sealed partial class TarjumaClient
{
    /// <summary>Splits text into sentences (SRX rules; offsets and lengths in UTF-16 code units).</summary>
    /// <param name="request">Text, language and optional rules (see protos/tarjuma/v1/segmentation.proto).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<TextSegment>> SegmentAsync(SegmentRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(request, nameof(request));
        var response = await UnaryAsync(() => _segmentation.SegmentAsync(request, UnaryCall(cancellationToken)), cancellationToken).ConfigureAwait(false);
        return [.. response.Segments];
    }

    /// <summary>Splits <paramref name="text"/> in <paramref name="language"/> (<c>tg</c> or <c>en</c>) with the built-in rules.</summary>
    public Task<IReadOnlyList<TextSegment>> SegmentAsync(string text, string language, CancellationToken cancellationToken = default) =>
        SegmentAsync(new SegmentRequest { Text = text ?? string.Empty, Language = language ?? string.Empty }, cancellationToken);

    /// <summary>
    /// Splits <paramref name="text"/> by a memory's rules: the built-in ones with the memory's
    /// abbreviations (learned from its sources, with an administrator's edits), in the memory's
    /// source language. Needs read access to the memory.
    /// </summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory.</exception>
    public Task<IReadOnlyList<TextSegment>> SegmentForMemoryAsync(string text, string memory, CancellationToken cancellationToken = default) =>
        SegmentAsync(new SegmentRequest { Text = text ?? string.Empty, Memory = memory ?? string.Empty }, cancellationToken);

    /// <summary>
    /// Segments long documents over one stream: the segments of each request, in order, as they
    /// arrive. Uses <see cref="TarjumaClientOptions.StreamingDeadline"/>. Asks for batched replies
    /// without text (<c>batch_segments</c>, <c>offsets_only</c>) and gives each segment its text from
    /// the requests, holding only the text of the segments still to come.
    /// </summary>
    public IAsyncEnumerable<TextSegment> SegmentDocumentAsync(IEnumerable<SegmentRequest> requests, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(requests, nameof(requests));
        var sent = new SentText();
        return Unbatch(DuplexAsync(token => _segmentation.SegmentStream(StreamingCall(token)), AskForBatches(requests, sent), cancellationToken), sent,
            cancellationToken);
    }

    /// <summary>
    /// The requests, the first asking for batched replies without text (a copy: the caller's request is left as it was);
    /// each request's text is kept in <paramref name="sent"/> before it is sent.
    /// </summary>
    private static IEnumerable<SegmentRequest> AskForBatches(IEnumerable<SegmentRequest> requests, SentText sent)
    {
        var first = true;
        foreach (var request in requests)
        {
            sent.Add(request.Text);
            yield return first ? new SegmentRequest(request) { BatchSegments = true, OffsetsOnly = true } : request;
            first = false;
        }
    }

    /// <summary>One segment at a time out of batched replies (each message, then its <c>following</c> segments), with its text.</summary>
    private static async IAsyncEnumerable<TextSegment> Unbatch(IAsyncEnumerable<TextSegment> messages, SentText sent,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var message in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (message.Following.Count == 0)
            {
                yield return WithText(message, sent);
                continue;
            }

            var following = message.Following.ToArray();
            message.Following.Clear();
            yield return WithText(message, sent);
            foreach (var segment in following)
            {
                yield return WithText(segment, sent);
            }
        }
    }

    /// <summary>The segment with its text: a server that does not know <c>offsets_only</c> sent it already.</summary>
    private static TextSegment WithText(TextSegment segment, SentText sent)
    {
        var text = sent.Take(segment.Start, segment.Length);
        if (segment.Text.Length == 0)
        {
            segment.Text = text;
        }

        return segment;
    }

    /// <summary>
    /// The text sent on a segmentation stream from the start of the next segment on: segments come in order, so each
    /// drops the requests' texts that end before it starts. Filled by the writer, read by the reader.
    /// </summary>
    private sealed class SentText
    {
        private readonly object _lock = new();
        private readonly Queue<string> _pieces = new();

        /// <summary>Offset in the stream of the first piece held.</summary>
        private long _start;
        private long _end;

        public void Add(string piece)
        {
            lock (_lock)
            {
                if (piece.Length > 0)
                {
                    _pieces.Enqueue(piece);
                    _end += piece.Length;
                }
            }
        }

        /// <exception cref="InvalidOperationException">The range is not inside the text sent (a server's error).</exception>
        public string Take(int start, int length)
        {
            lock (_lock)
            {
                if (start < _start || length < 0 || (long)start + length > _end)
                {
                    throw new InvalidOperationException(
                        $"The server sent a segment at [{start}, {(long)start + length}), outside the text still held [{_start}, {_end}).");
                }

                while (_pieces.Count > 0 && _start + _pieces.Peek().Length <= start)
                {
                    _start += _pieces.Dequeue().Length;
                }

                return Slice((int)(start - _start), length);
            }
        }

        /// <summary>The <paramref name="length"/> characters from <paramref name="offset"/> of the pieces held, across pieces if need be.</summary>
        private string Slice(int offset, int length)
        {
            if (length == 0)
            {
                return string.Empty;
            }

            var first = _pieces.Peek();
            if (offset + length <= first.Length)
            {
                return first.Substring(offset, length);
            }

            // Across pieces (netstandard2.0 has no string.Create): rare with the usual pieces of thousands of characters.
            var text = new StringBuilder(length);
            foreach (var piece in _pieces)
            {
                if (offset >= piece.Length)
                {
                    offset -= piece.Length;
                    continue;
                }

                var take = Math.Min(piece.Length - offset, length - text.Length);
                text.Append(piece, offset, take);
                offset = 0;
                if (text.Length == length)
                {
                    break;
                }
            }

            return text.ToString();
        }
    }

    /// <summary>The built-in SRX rule sets (name, description, SRX 2.0 text).</summary>
    public async Task<IReadOnlyList<RuleSet>> ListRulesAsync(CancellationToken cancellationToken = default)
    {
        var response = await UnaryAsync(() => _segmentation.ListRulesAsync(new ListRulesRequest(), UnaryCall(cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return [.. response.RuleSets];
    }

    /// <summary>
    /// The built-in rule sets and, with <see cref="ListRulesRequest.Memory"/> set, also that memory's
    /// rule set (named <c>memory NAME</c>) and its abbreviations (<see cref="ListRulesResponse.MemoryAbbreviations"/>).
    /// Retried on <c>Unavailable</c>.
    /// </summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory.</exception>
    public Task<ListRulesResponse> ListRulesAsync(ListRulesRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(request, nameof(request));
        return UnaryAsync(() => _segmentation.ListRulesAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>
    /// A memory's abbreviations: learned, added and removed by an administrator, and the effective
    /// list segmentation uses.
    /// </summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory.</exception>
    public async Task<MemoryAbbreviations> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken = default)
    {
        var response = await ListRulesAsync(new ListRulesRequest { Memory = memory ?? string.Empty }, cancellationToken).ConfigureAwait(false);
        return response.MemoryAbbreviations;
    }

    /// <summary>
    /// Adds or removes entries of a memory's abbreviations (an administrator's key): additions are
    /// used whether learned or not, removals never. Atomic: a bad entry changes nothing. Not retried.
    /// </summary>
    /// <param name="memory">The memory's name.</param>
    /// <param name="add">Entries to use (a final period is dropped: <c>мас.</c> is <c>мас</c>).</param>
    /// <param name="remove">Entries never to use.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memory's abbreviations afterwards.</returns>
    /// <exception cref="TarjumaInvalidArgumentException">A bad entry; <see cref="TarjumaRpcException.Field"/> is <c>add</c> or <c>remove</c>.</exception>
    /// <exception cref="TarjumaPermissionDeniedException">The key is not an administrator's.</exception>
    public Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IEnumerable<string> add, IEnumerable<string> remove,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(add, nameof(add));
        ThrowIfNull(remove, nameof(remove));
        var request = new EditAbbreviationsRequest { Memory = memory ?? string.Empty };
        request.Add.AddRange(add);
        request.Remove.AddRange(remove);
        return UnaryAsync(() => _segmentation.EditAbbreviationsAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>
    /// Aligns a document with its translation into beads; with <see cref="AlignRequest.Memory"/> set,
    /// also stores the beads at or above <see cref="AlignRequest.MinConfidence"/> as units (atomically).
    /// Never retried, since it may write.
    /// </summary>
    /// <param name="request">Texts or segment lists, languages, optionally a memory.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AlignResponse> AlignAsync(AlignRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(request, nameof(request));
        return UnaryAsync(() => _alignment.AlignAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }
}
