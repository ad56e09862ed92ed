using Grpc.Core;
using Tarjuma.Core.Alignment;
using Tarjuma.Core.Storage;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Segmentation;

namespace Tarjuma.Server.Alignment;

/// <summary>gRPC adapter for document alignment, over the engine's aligner port (the composition root supplies it).</summary>
public sealed class AlignmentGrpcService(IDocumentAligner aligner, IMemoryStore store, MemoryRules memoryRules) : AlignmentService.AlignmentServiceBase
{
    public override async Task<AlignResponse> Align(AlignRequest request, ServerCallContext context)
    {
        var presegmented = request.SourceSegments.Count > 0 || request.TargetSegments.Count > 0;
        if (presegmented ? request.SourceSegments.Count == 0 : string.IsNullOrWhiteSpace(request.SourceText))
        {
            // An empty side has nothing to align with: an empty answer would look like success.
            throw Core.Model.TarjumaException.InvalidArgument(presegmented ? "source_segments" : "source_text", "nothing to align: the source side is empty.");
        }

        if (presegmented ? request.TargetSegments.Count == 0 : string.IsNullOrWhiteSpace(request.TargetText))
        {
            throw Core.Model.TarjumaException.InvalidArgument(presegmented ? "target_segments" : "target_text", "nothing to align: the target side is empty.");
        }

        var alignRequest = new AlignDocumentsRequest
        {
            SourceLanguage = request.SourceLanguage.Length == 0 ? Validate.Language("tg") : Validate.Language(request.SourceLanguage),
            TargetLanguage = request.TargetLanguage.Length == 0 ? Validate.Language("en") : Validate.Language(request.TargetLanguage),
            SourceText = presegmented ? null : request.SourceText,
            TargetText = presegmented ? null : request.TargetText,
            SourceSegments = presegmented ? [.. request.SourceSegments] : null,
            TargetSegments = presegmented ? [.. request.TargetSegments] : null,
            Memory = request.Memory.Length == 0 ? null : Validate.MemoryName(request.Memory),
            AddToMemory = request.Memory.Length > 0,
            MinConfidence = request.MinConfidence == 0 ? AlignDocumentsRequest.DefaultMinConfidence : request.MinConfidence,
        };
        var result = await aligner.AlignAsync(alignRequest, store, context.CancellationToken);
        if (alignRequest.AddToMemory && alignRequest.Memory is { } memory)
        {
            memoryRules.MemoryGrew(memory);
        }
        return result.ToProto();
    }
}
