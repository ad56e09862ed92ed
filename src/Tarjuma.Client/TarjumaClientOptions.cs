namespace Tarjuma.Client;

/// <summary>
/// Settings of a <see cref="TarjumaClient"/>: built once, immutable, shared by every call.
/// Each property documents its default and unit.
/// </summary>
public sealed class TarjumaClientOptions
{
    /// <summary>The defaults described on each property.</summary>
    public static TarjumaClientOptions Default { get; } = new();

    /// <summary>
    /// Deadline of each unary call (lookups, memories, units, concordance, analysis …), from the moment
    /// it starts, retries included. Default 30 seconds; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deadline of streaming calls (TMX import and export, document lookup, streamed segmentation):
    /// they last as long as the document. Default 30 minutes; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan StreamingDeadline { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Attempts of an idempotent call (reads, lookups, concordance, analysis, pre-translation,
    /// segmentation, TMX export) that fails with <c>Unavailable</c>, the first included. Default 4;
    /// 1 turns retries off. gRPC caps it at 5. Writes (adds, imports, creations, deletions, keys,
    /// alignment, which may write into a memory) are never retried.
    /// Applies when the client creates the channel (not with a caller's <c>GrpcChannel</c>).
    /// </summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>
    /// Upper bound of the first retry's random back-off; each later one is multiplied by
    /// <see cref="BackoffMultiplier"/> up to <see cref="MaxBackoff"/>. Default 0.2 seconds.
    /// </summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest back-off between two attempts. Default 5 seconds.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Growth of the back-off from one retry to the next. Default 2.</summary>
    public double BackoffMultiplier { get; init; } = 2;

    /// <summary>
    /// Bytes per message of a TMX import. Default 256 KiB: well under the server's 16 MiB message
    /// limit (<c>Tarjuma:Limits:MaxMessageBytes</c>).
    /// </summary>
    public int ImportChunkSize { get; init; } = 256 * 1024;

    /// <summary>
    /// Largest message the client accepts, in bytes. Default 16 MiB, the server's own limit
    /// (a big alignment or pre-translation answer exceeds gRPC's 4 MiB default).
    /// </summary>
    public int MaxReceiveMessageSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad property.</summary>
    public void Validate()
    {
        RequireDeadline(Deadline, nameof(Deadline));
        RequireDeadline(StreamingDeadline, nameof(StreamingDeadline));
        if (MaxAttempts is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be 1-5 (gRPC's cap).");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialBackoff), InitialBackoff, "InitialBackoff must be positive and at most MaxBackoff.");
        }

        if (!(BackoffMultiplier > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffMultiplier), BackoffMultiplier, "BackoffMultiplier must be positive.");
        }

        if (ImportChunkSize is < 1024 or > 4 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(ImportChunkSize), ImportChunkSize, "ImportChunkSize must be 1 KiB-4 MiB.");
        }

        if (MaxReceiveMessageSize < 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReceiveMessageSize), MaxReceiveMessageSize, "MaxReceiveMessageSize must be at least 1 MiB.");
        }
    }

    private static void RequireDeadline(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, name + " must be positive or Timeout.InfiniteTimeSpan.");
        }
    }
}
