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
    /// Segments long documents over one stream: the segments of each request, in order, as they
    /// arrive. Uses <see cref="TarjumaClientOptions.StreamingDeadline"/>.
    /// </summary>
    public IAsyncEnumerable<TextSegment> SegmentDocumentAsync(IEnumerable<SegmentRequest> requests, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(requests, nameof(requests));
        return DuplexAsync(token => _segmentation.SegmentStream(StreamingCall(token)), requests, cancellationToken);
    }

    /// <summary>The built-in SRX rule sets (name, description, SRX 2.0 text).</summary>
    public async Task<IReadOnlyList<RuleSet>> ListRulesAsync(CancellationToken cancellationToken = default)
    {
        var response = await UnaryAsync(() => _segmentation.ListRulesAsync(new ListRulesRequest(), UnaryCall(cancellationToken)), cancellationToken).ConfigureAwait(false);
        return [.. response.RuleSets];
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
