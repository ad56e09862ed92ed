using Grpc.Core;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Storage;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Lookup;

/// <summary>gRPC adapter for lookups.</summary>
public sealed class LookupGrpcService(IMemoryStore store) : LookupService.LookupServiceBase
{
    public override async Task<LookupResponse> Lookup(LookupRequest request, ServerCallContext context)
    {
        var query = new LookupQuery(
            Validate.MemoryName(request.Memory),
            Validate.NotEmpty(request.Text),
            request.Language.Length == 0 ? null : Validate.Language(request.Language),
            Validate.InRange(request.MinScore, 1, 101, LookupQuery.DefaultMinScore),
            Validate.InRange(request.MaxResults, 1, LookupQuery.MaxMaxResults, LookupQuery.DefaultMaxResults));
        var matches = await MemoryLookup.LookupAsync(store, query, context.CancellationToken);
        var response = new LookupResponse();
        response.Matches.AddRange(matches.Select(m => new Match { Score = m.Score, Unit = m.Unit.ToProto(), Memory = m.Memory }));
        return response;
    }
}
