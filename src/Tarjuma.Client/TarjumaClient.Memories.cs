using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

public sealed partial class TarjumaClient
{
    /// <summary>Creates a memory (needs an administrator key when keys are in use).</summary>
    /// <param name="name">The memory's name.</param>
    /// <param name="sourceLanguage">BCP 47 tag of the sources, e.g. <c>tg</c>.</param>
    /// <param name="targetLanguage">BCP 47 tag of the targets, e.g. <c>en</c>.</param>
    /// <param name="description">Free text; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memory as stored (languages canonical).</returns>
    /// <exception cref="TarjumaAlreadyExistsException">A memory with that name exists.</exception>
    /// <exception cref="TarjumaInvalidArgumentException">A bad name or language; <see cref="TarjumaRpcException.Field"/> says which.</exception>
    public Task<Memory> CreateMemoryAsync(string name, string sourceLanguage, string targetLanguage, string? description = null,
        CancellationToken cancellationToken = default)
    {
        var request = new CreateMemoryRequest
        {
            Name = name ?? string.Empty,
            SourceLanguage = sourceLanguage ?? string.Empty,
            TargetLanguage = targetLanguage ?? string.Empty,
            Description = description ?? string.Empty,
        };
        return UnaryAsync(() => _memories.CreateMemoryAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>The memory called <paramref name="name"/>.</summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory.</exception>
    public Task<Memory> GetMemoryAsync(string name, CancellationToken cancellationToken = default) =>
        UnaryAsync(() => _memories.GetMemoryAsync(new GetMemoryRequest { Name = name ?? string.Empty }, UnaryCall(cancellationToken)), cancellationToken);

    /// <summary>The memory called <paramref name="name"/>, or null when there is none.</summary>
    public async Task<Memory?> FindMemoryAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetMemoryAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (TarjumaNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Every memory the key may read, by name.</summary>
    public async Task<IReadOnlyList<Memory>> ListMemoriesAsync(CancellationToken cancellationToken = default)
    {
        var response = await UnaryAsync(() => _memories.ListMemoriesAsync(new ListMemoriesRequest(), UnaryCall(cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return [.. response.Memories];
    }

    /// <summary>Replaces a memory's description.</summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory.</exception>
    public Task<Memory> UpdateMemoryAsync(string name, string description, CancellationToken cancellationToken = default)
    {
        var request = new UpdateMemoryRequest { Name = name ?? string.Empty, Description = description ?? string.Empty };
        return UnaryAsync(() => _memories.UpdateMemoryAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>Deletes a memory with all its units.</summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory.</exception>
    public Task DeleteMemoryAsync(string name, CancellationToken cancellationToken = default) =>
        UnaryAsync(() => _memories.DeleteMemoryAsync(new DeleteMemoryRequest { Name = name ?? string.Empty }, UnaryCall(cancellationToken)), cancellationToken);

    /// <summary>Unit, word and character counts of a memory.</summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory.</exception>
    public Task<MemoryStatistics> GetMemoryStatisticsAsync(string name, CancellationToken cancellationToken = default) =>
        UnaryAsync(() => _memories.GetMemoryStatisticsAsync(new GetMemoryStatisticsRequest { Name = name ?? string.Empty }, UnaryCall(cancellationToken)),
            cancellationToken);
}
