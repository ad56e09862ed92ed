using Grpc.Core;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Memories;

/// <summary>gRPC adapter for memories: validation, a store call, mapping.</summary>
public sealed class MemoryGrpcService(IMemoryStore store) : MemoryService.MemoryServiceBase
{
    public override async Task<Memory> CreateMemory(CreateMemoryRequest request, ServerCallContext context)
    {
        var created = await store.CreateMemoryAsync(
            new NewMemory(
                Validate.MemoryName(request.Name),
                Validate.Language(request.SourceLanguage),
                Validate.Language(request.TargetLanguage),
                request.Description),
            context.CancellationToken);
        return created.ToProto();
    }

    public override async Task<Memory> GetMemory(GetMemoryRequest request, ServerCallContext context) =>
        (await RequireMemoryAsync(store, Validate.MemoryName(request.Name), context.CancellationToken)).ToProto();

    public override async Task<ListMemoriesResponse> ListMemories(ListMemoriesRequest request, ServerCallContext context)
    {
        var memories = await store.ListMemoriesAsync(context.CancellationToken);
        return new ListMemoriesResponse { Memories = { memories.Select(m => m.ToProto()) } };
    }

    public override async Task<Memory> UpdateMemory(UpdateMemoryRequest request, ServerCallContext context) =>
        (await store.UpdateMemoryDescriptionAsync(Validate.MemoryName(request.Name), request.Description, context.CancellationToken)).ToProto();

    public override async Task<DeleteMemoryResponse> DeleteMemory(DeleteMemoryRequest request, ServerCallContext context)
    {
        await store.DeleteMemoryAsync(Validate.MemoryName(request.Name), context.CancellationToken);
        return new DeleteMemoryResponse();
    }

    public override async Task<Protos.V1.MemoryStatistics> GetMemoryStatistics(GetMemoryStatisticsRequest request, ServerCallContext context)
    {
        var name = Validate.MemoryName(request.Name);
        var statistics = await store.GetStatisticsAsync(name, context.CancellationToken);
        return statistics.ToProto(name);
    }

    internal static async Task<MemoryInfo> RequireMemoryAsync(IMemoryStore store, string name, CancellationToken cancellationToken) =>
        await store.FindMemoryAsync(name, cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
}
