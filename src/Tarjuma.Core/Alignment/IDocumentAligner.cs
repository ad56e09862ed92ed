using Tarjuma.Core.Storage;

namespace Tarjuma.Core.Alignment;

/// <summary>
/// The port through which the server aligns two documents. Implemented by Tarjuma.Alignment (ML.NET stays
/// there); a composition root (Tarjuma.Hosting) plugs it in, so the services reference the engine alone.
/// </summary>
public interface IDocumentAligner
{
    /// <summary>
    /// Segments unless pre-segmented, aligns, and adds the confident beads to <see cref="AlignDocumentsRequest.Memory"/>
    /// in <paramref name="store"/> when <see cref="AlignDocumentsRequest.AddToMemory"/> (all or none).
    /// </summary>
    /// <exception cref="Model.TarjumaException">A bad field (named), or the memory is missing.</exception>
    Task<AlignDocumentsResult> AlignAsync(AlignDocumentsRequest request, IMemoryStore? store, CancellationToken cancellationToken);
}
