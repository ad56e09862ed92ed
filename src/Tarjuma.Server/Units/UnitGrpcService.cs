using System.Globalization;
using Grpc.Core;
using Tarjuma.Core.Storage;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Segmentation;
using ProtoUnit = Tarjuma.Protos.V1.TranslationUnit;

namespace Tarjuma.Server.Units;

/// <summary>gRPC adapter for translation units.</summary>
public sealed class UnitGrpcService(IMemoryStore store, MemoryRules memoryRules, TimeProvider clock) : UnitService.UnitServiceBase
{
    /// <summary>Page size when the request leaves it at 0.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Largest page: bounds the response message size.</summary>
    public const int MaxPageSize = 1_000;

    /// <summary>Most units one AddUnits stream may carry (they are committed in one transaction).</summary>
    public const int MaxUnitsPerStream = 100_000;

    public override async Task<AddUnitResponse> AddUnit(AddUnitRequest request, ServerCallContext context)
    {
        var memory = Validate.MemoryName(request.Memory);
        var unit = request.Unit.ToDomain("unit", request.User, clock.GetUtcNow()) with { Id = 0 };
        var results = await store.AddUnitsAsync(memory, [unit], context.CancellationToken);
        memoryRules.MemoryGrew(memory);
        return new AddUnitResponse { Id = results[0].Id, Outcome = ToProto(results[0].Outcome) };
    }

    public override async Task<AddUnitsResponse> AddUnits(IAsyncStreamReader<AddUnitRequest> requestStream, ServerCallContext context)
    {
        string? memory = null;
        var units = new List<Core.Model.TranslationUnit>();
        var now = clock.GetUtcNow();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var name = Validate.MemoryName(request.Memory);
            if (memory is not null && !string.Equals(memory, name, StringComparison.Ordinal))
            {
                throw Core.Model.TarjumaException.InvalidArgument("memory",
                    $"every message of one stream must name the same memory ('{memory}', then '{name}').");
            }

            memory = name;
            if (units.Count == MaxUnitsPerStream)
            {
                throw new Core.Model.TarjumaException(Core.Model.ErrorKind.ResourceExhausted,
                    $"at most {MaxUnitsPerStream} units per AddUnits stream; use ImportTmx for more.", "unit");
            }

            try
            {
                units.Add(request.Unit.ToDomain("unit", request.User, now) with { Id = 0 });
            }
            catch (Core.Model.TarjumaException exception)
            {
                throw new Core.Model.TarjumaException(exception.Kind, $"message {units.Count + 1}: {exception.Message}", exception.Field);
            }
        }

        var response = new AddUnitsResponse();
        if (memory is null)
        {
            return response;
        }

        var results = await store.AddUnitsAsync(memory, units, context.CancellationToken);
        memoryRules.MemoryGrew(memory);
        foreach (var result in results)
        {
            response.Ids.Add(result.Id);
            if (result.Outcome == UnitWriteOutcome.Added)
            {
                response.Added++;
            }
            else
            {
                response.Updated++;
            }
        }

        return response;
    }

    public override async Task<ProtoUnit> GetUnit(GetUnitRequest request, ServerCallContext context)
    {
        var memory = Validate.MemoryName(request.Memory);
        var id = Validate.Id(request.Id);
        var unit = await store.FindUnitAsync(memory, id, context.CancellationToken)
            ?? throw Core.Model.TarjumaException.UnitNotFound(memory, id);
        return unit.ToProto();
    }

    public override async Task<ProtoUnit> UpdateUnit(UpdateUnitRequest request, ServerCallContext context)
    {
        var memory = Validate.MemoryName(request.Memory);
        Validate.Id(request.Unit?.Id ?? 0, "unit.id");
        var existing = await store.FindUnitAsync(memory, request.Unit!.Id, context.CancellationToken)
            ?? throw Core.Model.TarjumaException.UnitNotFound(memory, request.Unit.Id);
        var now = clock.GetUtcNow();
        var update = request.Unit.ToDomain("unit", request.User, now) with
        {
            // Creation and usage belong to the unit's history, not to the update.
            CreatedBy = existing.CreatedBy,
            CreatedAt = existing.CreatedAt,
            UsageCount = existing.UsageCount,
            LastUsedAt = existing.LastUsedAt,
            ChangedAt = now,
        };
        return (await store.UpdateUnitAsync(memory, update, context.CancellationToken)).ToProto();
    }

    public override async Task<DeleteUnitResponse> DeleteUnit(DeleteUnitRequest request, ServerCallContext context)
    {
        await store.DeleteUnitAsync(Validate.MemoryName(request.Memory), Validate.Id(request.Id), context.CancellationToken);
        return new DeleteUnitResponse();
    }

    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context)
    {
        var memory = Validate.MemoryName(request.Memory);
        var pageSize = Validate.InRange(request.PageSize, 1, MaxPageSize, DefaultPageSize);
        var afterId = ParsePageToken(request.PageToken);
        await Memories.MemoryGrpcService.RequireMemoryAsync(store, memory, context.CancellationToken);
        var units = await store.ListUnitsAsync(memory, afterId, pageSize + 1, context.CancellationToken);
        var response = new ListUnitsResponse();
        response.Units.AddRange(units.Take(pageSize).Select(u => u.ToProto()));
        if (units.Count > pageSize)
        {
            response.NextPageToken = units[pageSize - 1].Id.ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    private static long ParsePageToken(string token)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw Core.Model.TarjumaException.InvalidArgument("page_token", "is not a token returned by ListUnits.");
    }

    private static WriteOutcome ToProto(UnitWriteOutcome outcome) =>
        outcome == UnitWriteOutcome.Added ? WriteOutcome.Added : WriteOutcome.Updated;
}
