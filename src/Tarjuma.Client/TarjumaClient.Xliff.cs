using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

public sealed partial class TarjumaClient
{
    /// <summary>
    /// Pre-translates an XLIFF 1.2, 2.0 or 2.1 file read from <paramref name="xliff"/> into
    /// <paramref name="output"/>: candidates for each segment and filled empty targets, everything
    /// else kept. The file is streamed in chunks of <see cref="TarjumaClientOptions.ImportChunkSize"/>;
    /// the server answers once it has the whole file. Not retried: <paramref name="xliff"/> is read
    /// once, so a second attempt could not send the file again.
    /// </summary>
    /// <param name="options">The memory and the scores.</param>
    /// <param name="xliff">The file's bytes, read to the end (not closed).</param>
    /// <param name="output">Where the leveraged file goes (UTF-8; not closed). A refused file writes nothing.</param>
    /// <param name="progress">Told the bytes sent so far after each chunk; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the run did: the XLIFF version, units, segments looked up and filled, per band.</returns>
    /// <exception cref="TarjumaInvalidArgumentException">
    /// A refused file (<see cref="TarjumaRpcException.Field"/> <c>file</c>, with
    /// <see cref="TarjumaRpcException.Line"/> and <see cref="TarjumaRpcException.Column"/>) or a bad option.
    /// </exception>
    /// <exception cref="TarjumaRpcException">
    /// <see cref="StatusCode.DataLoss"/> when the server ended the stream without its summary: the output is incomplete.
    /// </exception>
    public async Task<XliffSummary> PretranslateXliffAsync(
        XliffPretranslateOptions options, Stream xliff, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(options, nameof(options));
        ThrowIfNull(xliff, nameof(xliff));
        ThrowIfNull(output, nameof(output));
        try
        {
            using var call = _documents.PretranslateXliff(StreamingCall(cancellationToken));
            await WriteAsync(call.RequestStream, new PretranslateXliffRequest
            {
                Memory = options.Memory ?? string.Empty,
                MinScore = options.MinScore ?? 0,
                FillMinScore = options.FillMinScore ?? 0,
                MaxCandidates = options.MaxCandidates ?? 0,
                Overwrite = options.Overwrite,
            }, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[_options.ImportChunkSize];
            long sent = 0;
            int read;
#if NETSTANDARD2_0
            while ((read = await xliff.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
#else
            while ((read = await xliff.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
#endif
            {
                await WriteAsync(call.RequestStream, new PretranslateXliffRequest { Data = ByteString.CopyFrom(buffer, 0, read) },
                    cancellationToken).ConfigureAwait(false);
                sent += read;
                progress?.Report(sent);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var message = call.ResponseStream.Current;
                if (message.Summary is { } summary)
                {
                    return summary;
                }

#if NETSTANDARD2_0
                var bytes = message.Data.ToByteArray();
                await output.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
#else
                await output.WriteAsync(message.Data.Memory, cancellationToken).ConfigureAwait(false);
#endif
            }
        }
        catch (RpcException exception)
        {
            throw RpcErrors.Map(exception, cancellationToken);
        }

        // The summary is the stream's last message (documents.proto): without it the file may be cut short.
        throw new TarjumaRpcException(
            new Status(StatusCode.DataLoss, "the server ended PretranslateXliff without a summary; the output is incomplete."), new Metadata(), field: null,
                line: null, column: null);
    }
}
