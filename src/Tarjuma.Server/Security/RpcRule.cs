using Tarjuma.Core.Security;

namespace Tarjuma.Server.Security;

/// <summary>What a caller needs for one RPC.</summary>
internal enum Requirement
{
    /// <summary>No key needed (health, reflection).</summary>
    Open,

    /// <summary>Any valid key (no memory involved).</summary>
    AnyKey,

    /// <summary>The access on every memory the request names.</summary>
    Memory,

    /// <summary>An administrator key.</summary>
    Admin,
}

/// <summary>
/// One row of <see cref="RpcAccessTable"/>: the requirement, the memories a request message names
/// (every message of a stream is checked) and, for listings, a filter of the response.
/// </summary>
internal sealed record RpcRule(Requirement Requirement, MemoryAccess Access, Func<object, IEnumerable<string>> Memories)
{
    private static readonly Func<object, IEnumerable<string>> NoMemories = _ => [];

    public static RpcRule Open { get; } = new(Requirement.Open, MemoryAccess.Read, NoMemories);

    public static RpcRule AnyKey { get; } = new(Requirement.AnyKey, MemoryAccess.Read, NoMemories);

    public static RpcRule Admin { get; } = new(Requirement.Admin, MemoryAccess.Write, NoMemories);

    /// <summary>Removes from a response what the caller may not see (e.g. memories outside its grants).</summary>
    public Func<object, CallerIdentity, object>? FilterResponse { get; init; }

    public static RpcRule Read<TRequest>(Func<TRequest, IEnumerable<string>> memories) =>
        new(Requirement.Memory, MemoryAccess.Read, message => memories((TRequest)message));

    public static RpcRule Write<TRequest>(Func<TRequest, IEnumerable<string>> memories) =>
        new(Requirement.Memory, MemoryAccess.Write, message => memories((TRequest)message));
}
