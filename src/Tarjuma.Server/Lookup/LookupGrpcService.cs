using Grpc.Core;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Lookup;

/// <summary>gRPC adapter for lookups, single and streamed.</summary>
public sealed class LookupGrpcService(IndexedMemoryStore store, IOptions<TarjumaLimits> limits) : LookupService.LookupServiceBase
{
    public override async Task<LookupResponse> Lookup(LookupRequest request, ServerCallContext context) =>
        await LookupAsync(request, context.CancellationToken);

    public override async Task LookupStream(IAsyncStreamReader<LookupRequest> requestStream, IServerStreamWriter<LookupResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            LookupResponse response;
            try
            {
                // The stream's reader leaves LookupRequest to this check, so one bad segment
                // gets its own error response (see LimitsInterceptor).
                LimitsInterceptor.Check(request, limits.Value);
                response = await LookupAsync(request, context.CancellationToken);
            }
            catch (TarjumaException exception)
            {
                // One refused segment of a document must not lose the rest of it.
                response = new LookupResponse { Id = request.Id, Error = ErrorInterceptor.ToLookupError(exception) };
            }

            await responseStream.WriteAsync(response, context.CancellationToken);
        }
    }

    private async Task<LookupResponse> LookupAsync(LookupRequest request, CancellationToken cancellationToken)
    {
        var query = new LookupQuery(
            Validate.MemoryName(request.Memory),
            Validate.NotEmpty(request.Text),
            request.Language.Length == 0 ? null : Validate.Language(request.Language),
            Validate.InRange(request.MinScore, 1, 101, LookupQuery.DefaultMinScore),
            Validate.InRange(request.MaxResults, 1, LookupQuery.MaxMaxResults, LookupQuery.DefaultMaxResults))
        {
            PreviousText = request.PreviousText,
            NextText = request.NextText,
            Penalty = request.Penalty,
            MoreMemories = [.. request.MoreMemories.Select(m => new MemoryPenalty(m.Name, m.Penalty))],
        };
        var matches = await MemoryLookup.LookupAsync(store, query, cancellationToken);
        var response = new LookupResponse { Id = request.Id };
        response.Matches.AddRange(matches.Select(m => m.ToProto()));
        return response;
    }
}
