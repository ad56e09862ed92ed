using Tarjuma.Core.Alignment;
using Tarjuma.Core.Storage;

namespace Tarjuma.Alignment;

/// <summary>The engine's alignment port implemented by <see cref="DocumentAlignment"/>, with the clock that stamps added units.</summary>
public sealed class DocumentAligner(TimeProvider clock) : IDocumentAligner
{
    public Task<AlignDocumentsResult> AlignAsync(AlignDocumentsRequest request, IMemoryStore? store, CancellationToken cancellationToken) =>
        DocumentAlignment.AlignAsync(request, store, clock, cancellationToken);
}
