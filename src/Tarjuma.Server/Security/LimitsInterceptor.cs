using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Model;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Security;

/// <summary>
/// Enforces <see cref="TarjumaLimits"/> on every request message (streams message by message)
/// before a service sees it, so the services stay free of size checks. A single field over its
/// limit is InvalidArgument naming the field; a stream over a total (units, TMX bytes) is
/// ResourceExhausted. Both name the setting that raises the limit.
/// </summary>
internal sealed class LimitsInterceptor(IOptions<TarjumaLimits> options) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request!, options.Value);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest,
            TResponse> continuation)
    {
        Check(request!, options.Value);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new LimitedReader<TRequest>(requestStream, options.Value), context);

    /// <remarks>
    /// LookupStream answers each request on its own (one refused segment gets an error response
    /// and the stream goes on), so it checks its messages itself; this reader only passes them.
    /// </remarks>
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
            DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        typeof(TRequest) == typeof(LookupRequest)
            ? continuation(requestStream, responseStream, context)
            : continuation(new LimitedReader<TRequest>(requestStream, options.Value), responseStream, context);

    /// <summary>The per-message checks.</summary>
    internal static void Check(object message, TarjumaLimits limits)
    {
        switch (message)
        {
            case AddUnitRequest add:
                CheckUnit(add.Unit, limits);
                break;
            case UpdateUnitRequest update:
                CheckUnit(update.Unit, limits);
                break;
            case LookupRequest lookup:
                Length(lookup.Text, limits.MaxSegmentLength, "text", nameof(TarjumaLimits.MaxSegmentLength));
                Length(lookup.PreviousText, limits.MaxSegmentLength, "previous_text", nameof(TarjumaLimits.MaxSegmentLength));
                Length(lookup.NextText, limits.MaxSegmentLength, "next_text", nameof(TarjumaLimits.MaxSegmentLength));
                Count(lookup.MaxResults, limits.MaxResults, "max_results", nameof(TarjumaLimits.MaxResults));
                break;
            case ConcordanceRequest concordance:
                Length(concordance.Query, limits.MaxSegmentLength, "query", nameof(TarjumaLimits.MaxSegmentLength));
                break;
            case SegmentRequest segment:
                Length(segment.Text, limits.MaxDocumentLength, "text", nameof(TarjumaLimits.MaxDocumentLength));
                break;
            case DocumentRequest document:
                Length(document.Text, limits.MaxDocumentLength, "text", nameof(TarjumaLimits.MaxDocumentLength));
                Count(document.Segments.Count, limits.MaxBatchSize, "segments", nameof(TarjumaLimits.MaxBatchSize));
                break;
            case AlignRequest align:
                Length(align.SourceText, limits.MaxDocumentLength, "source_text", nameof(TarjumaLimits.MaxDocumentLength));
                Length(align.TargetText, limits.MaxDocumentLength, "target_text", nameof(TarjumaLimits.MaxDocumentLength));
                Count(align.SourceSegments.Count, limits.MaxBatchSize, "source_segments", nameof(TarjumaLimits.MaxBatchSize));
                Count(align.TargetSegments.Count, limits.MaxBatchSize, "target_segments", nameof(TarjumaLimits.MaxBatchSize));
                break;
        }
    }

    private static void CheckUnit(Protos.V1.TranslationUnit? unit, TarjumaLimits limits)
    {
        if (unit is null)
        {
            return;
        }

        Length(unit.Source?.Text, limits.MaxSegmentLength, "unit.source.text", nameof(TarjumaLimits.MaxSegmentLength));
        Length(unit.Target?.Text, limits.MaxSegmentLength, "unit.target.text", nameof(TarjumaLimits.MaxSegmentLength));
    }

    private static void Length(string? value, int limit, string field, string setting)
    {
        if (value is not null && value.Length > limit)
        {
            throw TarjumaException.InvalidArgument(field,
                $"{value.Length} characters is over the limit of {limit} (setting {TarjumaLimits.Section}:{setting}).");
        }
    }

    private static void Count(int value, int limit, string field, string setting)
    {
        if (value > limit)
        {
            throw TarjumaException.InvalidArgument(field, $"{value} is over the limit of {limit} (setting {TarjumaLimits.Section}:{setting}).");
        }
    }

    /// <summary>Checks each message and the stream's totals (units, TMX bytes).</summary>
    private sealed class LimitedReader<T>(IAsyncStreamReader<T> inner, TarjumaLimits limits) : IAsyncStreamReader<T>
    {
        private long _messages;
        private long _tmxBytes;
        private long _xliffBytes;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            var message = inner.Current!;
            Check(message, limits);
            switch (message)
            {
                case AddUnitRequest when ++_messages > limits.MaxBatchSize:
                    throw new TarjumaException(ErrorKind.ResourceExhausted,
                        $"more than {limits.MaxBatchSize} units in one stream (setting {TarjumaLimits.Section}:{nameof(TarjumaLimits.MaxBatchSize)}); "
                            + $"send several batches.");
                case ImportTmxRequest chunk when (_tmxBytes += chunk.Data.Length) > limits.MaxTmxBytes:
                    throw new TarjumaException(ErrorKind.ResourceExhausted,
                        $"the TMX is larger than {limits.MaxTmxBytes} bytes (setting {TarjumaLimits.Section}:{nameof(TarjumaLimits.MaxTmxBytes)}); "
                            + $"nothing was imported.");
                case PretranslateXliffRequest chunk when (_xliffBytes += chunk.Data.Length) > limits.MaxXliffBytes:
                    throw new TarjumaException(ErrorKind.ResourceExhausted,
                        $"the XLIFF is larger than {limits.MaxXliffBytes} bytes (setting {TarjumaLimits.Section}:{nameof(TarjumaLimits.MaxXliffBytes)}).");
            }

            return true;
        }
    }
}
