using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Xliff;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Lookup;

/// <summary>
/// The PretranslateXliff stream: the file is spooled to a temporary file (leverage reads it twice, to
/// look one segment ahead), leveraged into a second temporary file, and only then streamed back, so a
/// refused file sends no chunk. Both files are deleted when the call ends.
/// </summary>
internal static class XliffPretranslation
{
    /// <summary>Response chunk size when the request leaves it at 0.</summary>
    public const int DefaultChunkSize = 64 * 1024;

    /// <summary>Largest response chunk: well under gRPC's default 4 MiB message limit.</summary>
    public const int MaxChunkSize = 1024 * 1024;

    public static async Task RunAsync(IndexedMemoryStore store, IAsyncStreamReader<PretranslateXliffRequest> requests,
        IServerStreamWriter<PretranslateXliffResponse> responses, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken))
        {
            throw TarjumaException.InvalidArgument("memory", "the stream carried no message.");
        }

        var first = requests.Current;
        var memory = Validate.MemoryName(first.Memory);
        var chunkSize = Validate.InRange(first.ChunkSize, 1024, MaxChunkSize, DefaultChunkSize);
        var options = new XliffLeverageOptions
        {
            MinScore = Validate.InRange(first.MinScore, 1, MatchOptions.InContextScore, 70),
            FillMinScore = Validate.InRange(first.FillMinScore, 1, MatchOptions.InContextScore, XliffLeverage.ExactScore),
            MaxCandidates = Validate.InRange(first.MaxCandidates, 1, MatchOptions.MaxResultsLimit, 3),
            Overwrite = first.Overwrite,
        }.Validate();
        if (await store.FindMemoryAsync(memory, cancellationToken) is null)
        {
            throw TarjumaException.MemoryNotFound(memory);
        }

        var input = Path.Combine(Path.GetTempPath(), $"tarjuma-xliff-{Guid.NewGuid():N}.in");
        var output = Path.ChangeExtension(input, ".out");
        try
        {
            await using (var spool = new FileStream(input, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await spool.WriteAsync(first.Data.Memory, cancellationToken);
                while (await requests.MoveNext(cancellationToken))
                {
                    await spool.WriteAsync(requests.Current.Data.Memory, cancellationToken);
                }
            }

            XliffLeverageSummary summary;
            await using (var leveraged = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                summary = await XliffLeverage.RunAsync(
                    () => new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), leveraged, new IndexedXliffLookup(store, memory),
                        options, cancellationToken);
            }

            await using (var result = new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            {
                var buffer = new byte[chunkSize];
                int read;
                while ((read = await result.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
                {
                    await responses.WriteAsync(new PretranslateXliffResponse { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
                }
            }

            await responses.WriteAsync(new PretranslateXliffResponse { Summary = summary.ToProto() }, cancellationToken);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
