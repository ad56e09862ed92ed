using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

public sealed partial class TarjumaClient
{
    /// <summary>
    /// Imports a TMX file (1.4b, also 1.1–1.4) read from <paramref name="tmx"/>, streamed in chunks of
    /// <see cref="TarjumaClientOptions.ImportChunkSize"/>. Atomic unless <see cref="TmxImportOptions.SkipInvalid"/>:
    /// a failed or cancelled import leaves the memory as it was. Never retried.
    /// </summary>
    /// <param name="options">The memory and flags.</param>
    /// <param name="tmx">The file's bytes, read to the end (not closed).</param>
    /// <param name="progress">Told the bytes sent so far after each chunk; null for none.</param>
    /// <param name="cancellationToken">Cancels the import (the server rolls it back).</param>
    /// <returns>Units read, added, updated and rejected (with line and column).</returns>
    /// <exception cref="TarjumaInvalidArgumentException">
    /// A malformed file: <see cref="TarjumaRpcException.Line"/> and <see cref="TarjumaRpcException.Column"/> say where.
    /// </exception>
    public async Task<ImportTmxResponse> ImportTmxAsync(TmxImportOptions options, Stream tmx, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(options, nameof(options));
        ThrowIfNull(tmx, nameof(tmx));
        try
        {
            using var call = _tmx.ImportTmx(StreamingCall(cancellationToken));
            await WriteAsync(call.RequestStream, new ImportTmxRequest
            {
                Memory = options.Memory ?? string.Empty,
                SourceLanguage = options.SourceLanguage ?? string.Empty,
                TargetLanguage = options.TargetLanguage ?? string.Empty,
                SkipInvalid = options.SkipInvalid,
                User = options.User ?? string.Empty,
            }, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[_options.ImportChunkSize];
            long sent = 0;
            int read;
#if NETSTANDARD2_0
            while ((read = await tmx.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
#else
            while ((read = await tmx.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
#endif
            {
                await WriteAsync(call.RequestStream, new ImportTmxRequest { Data = ByteString.CopyFrom(buffer, 0, read) },
                    cancellationToken).ConfigureAwait(false);
                sent += read;
                progress?.Report(sent);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw RpcErrors.Map(exception, cancellationToken);
        }
    }

    /// <summary>Imports the TMX file at <paramref name="path"/> (see
    /// <see cref="ImportTmxAsync(TmxImportOptions, Stream, IProgress{long}?, CancellationToken)"/>).</summary>
    public async Task<ImportTmxResponse> ImportTmxFileAsync(TmxImportOptions options, string path, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return await ImportTmxAsync(options, file, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a memory as TMX 1.4b (UTF-8) to <paramref name="output"/> (not closed).</summary>
    /// <param name="memory">The memory's name.</param>
    /// <param name="output">Where the TMX goes.</param>
    /// <param name="progress">Told the bytes written so far after each chunk; null for none.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>Bytes written.</returns>
    /// <exception cref="TarjumaNotFoundException">There is no such memory.</exception>
    public async Task<long> ExportTmxAsync(string memory, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(output, nameof(output));
        using var call = _tmx.ExportTmx(new ExportTmxRequest { Memory = memory ?? string.Empty }, StreamingCall(cancellationToken));
        long written = 0;
        while (await MoveNextAsync(call.ResponseStream, cancellationToken).ConfigureAwait(false))
        {
            var chunk = call.ResponseStream.Current.Data;
#if NETSTANDARD2_0
            var bytes = chunk.ToByteArray();
            await output.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
#else
            await output.WriteAsync(chunk.Memory, cancellationToken).ConfigureAwait(false);
#endif
            written += chunk.Length;
            progress?.Report(written);
        }

        return written;
    }

    /// <summary>
    /// Writes a memory as TMX 1.4b to <paramref name="path"/>: to a temporary file beside it, moved into
    /// place when complete, so a failed export never leaves half a file.
    /// </summary>
    /// <returns>Bytes written.</returns>
    public async Task<long> ExportTmxFileAsync(string memory, string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            long written;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                written = await ExportTmxAsync(memory, file, progress, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (File.Exists(full))
            {
                File.Replace(temporary, full, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, full);
            }

            return written;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
