using Tarjuma.Core.Alignment;
using Tarjuma.Core.Storage;

namespace Tarjuma.Server;

/// <summary>
/// The concrete parts the services run over, chosen by a composition root (Tarjuma.Hosting) so that this project
/// references the engine's ports only: no store, no aligner model, no console.
/// </summary>
public sealed class ServerParts
{
    /// <summary>Opens the store, once, when the first service needs it (at start-up: a bad database fails fast).</summary>
    public required Func<IServiceProvider, StorePorts> OpenStore { get; init; }

    /// <summary>The folder of the retrieval-index snapshots, or null for none (see <see cref="TarjumaServerOptions.IndexSnapshots"/>).</summary>
    public required Func<IServiceProvider, string?> IndexSnapshotDirectory { get; init; }

    /// <summary>The document aligner behind the Align service.</summary>
    public required Func<IServiceProvider, IDocumentAligner> Aligner { get; init; }
}
