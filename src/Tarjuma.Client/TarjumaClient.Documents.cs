using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

public sealed partial class TarjumaClient
{
    /// <summary>
    /// One page of concordance hits: units whose source or target contains the phrase (folded:
    /// case, Tajik letters typed as Russian), with the ranges to highlight.
    /// </summary>
    /// <param name="request">Memory, phrase, side, page size and token (see protos/tarjuma/v1/documents.proto).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hits and the next page's token (null on the last page). The server gives no total.</returns>
    public async Task<Page<ConcordanceHit>> ConcordanceAsync(ConcordanceRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(request, nameof(request));
        var response = await UnaryAsync(() => _documents.ConcordanceAsync(request, UnaryCall(cancellationToken)), cancellationToken).ConfigureAwait(false);
        return new Page<ConcordanceHit>([.. response.Hits], NullIfEmpty(response.NextPageToken));
    }

    /// <summary>
    /// Segments a document and counts segments, words and characters per match band
    /// (<see cref="Band.Name"/>: <c>repetition</c>, <c>101</c>, <c>100</c>, <c>95-99</c>, <c>85-94</c>,
    /// <c>75-84</c>, <c>50-74</c>, <c>no-match</c>), for quotes.
    /// </summary>
    /// <param name="request">Memory and the text or its segments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AnalyzeResponse> AnalyzeAsync(DocumentRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(request, nameof(request));
        return UnaryAsync(() => _documents.AnalyzeAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>Segments a document and gives each segment its best match at or above <see cref="DocumentRequest.MinScore"/>.</summary>
    /// <param name="request">Memory, the text or its segments, and the lowest score (default 75).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<PretranslatedSegment>> PretranslateAsync(DocumentRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(request, nameof(request));
        var response = await UnaryAsync(() => _documents.PretranslateAsync(request, UnaryCall(cancellationToken)), cancellationToken).ConfigureAwait(false);
        return [.. response.Segments];
    }
}
