using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

public sealed partial class TarjumaClient
{
    /// <summary>
    /// Adds a unit (or merges its metadata into the identical one already stored). Never retried:
    /// an add the server received but did not acknowledge is not sent again.
    /// </summary>
    /// <param name="memory">The memory's name.</param>
    /// <param name="unit">The unit; at least source and target text.</param>
    /// <param name="user">Recorded as creation/change user when the unit carries none; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The unit's id and whether it was added or an identical unit updated.</returns>
    /// <exception cref="TarjumaInvalidArgumentException">A bad unit; <see cref="TarjumaRpcException.Field"/> names the field (e.g.
    /// <c>unit.source.text</c>).</exception>
    public Task<AddUnitResponse> AddUnitAsync(string memory, TranslationUnit unit, string? user = null, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(unit, nameof(unit));
        var request = new AddUnitRequest { Memory = memory ?? string.Empty, Unit = unit, User = user ?? string.Empty };
        return UnaryAsync(() => _units.AddUnitAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>Adds a unit made of plain source and target text (see
    /// <see cref="AddUnitAsync(string, TranslationUnit, string?, CancellationToken)"/>).</summary>
    public Task<AddUnitResponse> AddUnitAsync(string memory, string source, string target, CancellationToken cancellationToken = default) =>
        AddUnitAsync(memory, NewUnit(source, target), user: null, cancellationToken);

    /// <summary>
    /// Adds many units in one transaction (all or none), streamed; for imports from other formats.
    /// Never retried.
    /// </summary>
    /// <returns>How many were added and updated, and each unit's id in order.</returns>
    public async Task<AddUnitsResponse> AddUnitsAsync(string memory, IEnumerable<TranslationUnit> units, string? user = null,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(units, nameof(units));
        try
        {
            using var call = _units.AddUnits(StreamingCall(cancellationToken));
            foreach (var unit in units)
            {
                await WriteAsync(call.RequestStream, new AddUnitRequest { Memory = memory ?? string.Empty, Unit = unit, User = user ?? string.Empty },
                    cancellationToken).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw RpcErrors.Map(exception, cancellationToken);
        }
    }

    /// <summary>The unit with id <paramref name="id"/> in <paramref name="memory"/>.</summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory or unit.</exception>
    public Task<TranslationUnit> GetUnitAsync(string memory, long id, CancellationToken cancellationToken = default) =>
        UnaryAsync(() => _units.GetUnitAsync(new GetUnitRequest { Memory = memory ?? string.Empty, Id = id }, UnaryCall(cancellationToken)), cancellationToken);

    /// <summary>Replaces the unit with id <c>unit.Id</c>. Never retried.</summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory or unit.</exception>
    public Task<TranslationUnit> UpdateUnitAsync(string memory, TranslationUnit unit, string? user = null, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(unit, nameof(unit));
        var request = new UpdateUnitRequest { Memory = memory ?? string.Empty, Unit = unit, User = user ?? string.Empty };
        return UnaryAsync(() => _units.UpdateUnitAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>Deletes a unit. Never retried.</summary>
    /// <exception cref="TarjumaNotFoundException">There is no such memory or unit.</exception>
    public Task DeleteUnitAsync(string memory, long id, CancellationToken cancellationToken = default) =>
        UnaryAsync(() => _units.DeleteUnitAsync(new DeleteUnitRequest { Memory = memory ?? string.Empty, Id = id }, UnaryCall(cancellationToken)),
            cancellationToken);

    /// <summary>One page of a memory's units, by id.</summary>
    /// <param name="memory">The memory's name.</param>
    /// <param name="pageSize">Units per page; 0 for the server's default.</param>
    /// <param name="pageToken">The previous page's <see cref="Page{T}.NextPageToken"/>; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Page<TranslationUnit>> ListUnitsAsync(string memory, int pageSize = 0, string? pageToken = null,
        CancellationToken cancellationToken = default)
    {
        var request = new ListUnitsRequest { Memory = memory ?? string.Empty, PageSize = pageSize, PageToken = pageToken ?? string.Empty };
        var response = await UnaryAsync(() => _units.ListUnitsAsync(request, UnaryCall(cancellationToken)), cancellationToken).ConfigureAwait(false);
        return new Page<TranslationUnit>([.. response.Units], NullIfEmpty(response.NextPageToken));
    }

    /// <summary>A unit of plain source and target text.</summary>
    public static TranslationUnit NewUnit(string source, string target) => new()
    {
        Source = new Segment { Text = source ?? string.Empty },
        Target = new Segment { Text = target ?? string.Empty },
    };

    private static string? NullIfEmpty(string token) => token.Length == 0 ? null : token;
}
