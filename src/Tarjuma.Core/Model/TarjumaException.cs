namespace Tarjuma.Core.Model;

/// <summary>What went wrong, in terms a caller can act on; the server maps each to a gRPC status.</summary>
public enum ErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
    FailedPrecondition,
    ResourceExhausted,

    /// <summary>The caller may not do this (the engine is told what the caller may do; it does not authenticate).</summary>
    PermissionDenied,

    /// <summary>A resource is busy for now (a lock held by another process); the same call may succeed later.</summary>
    Unavailable,
}

/// <summary>
/// The one exception type the engine and stores throw for expected failures. Anything else that
/// escapes is a bug and is reported as an internal error without details.
/// </summary>
public sealed class TarjumaException : Exception
{
    public TarjumaException(ErrorKind kind, string message, string? field = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Field = field;
    }

    public TarjumaException()
        : this(ErrorKind.InvalidArgument, "Invalid argument.")
    {
    }

    public TarjumaException(string message)
        : this(ErrorKind.InvalidArgument, message)
    {
    }

    public TarjumaException(string message, Exception innerException)
        : this(ErrorKind.InvalidArgument, message, null, innerException)
    {
    }

    public ErrorKind Kind { get; }

    /// <summary>The request field the error is about (e.g. <c>memory</c>, <c>unit.source</c>), if any.</summary>
    public string? Field { get; }

    public static TarjumaException InvalidArgument(string field, string message) =>
        new(ErrorKind.InvalidArgument, $"{field}: {message}", field);

    public static TarjumaException MemoryNotFound(string name) =>
        new(ErrorKind.NotFound, $"memory '{name}' does not exist.", "memory");

    public static TarjumaException UnitNotFound(string memory, long id) =>
        new(ErrorKind.NotFound, $"unit {id} does not exist in memory '{memory}'.", "id");
}
