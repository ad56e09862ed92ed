using Tarjuma.Core.Security;

namespace Tarjuma.Server.Security;

/// <summary>Who makes a call: a verified key, or anonymous when the server runs open.</summary>
internal sealed record CallerIdentity(ApiKey? Key)
{
    public static CallerIdentity Anonymous { get; } = new((ApiKey?)null);

    /// <summary>The caller of a call that went through <see cref="AuthInterceptor"/>; anonymous for open RPCs.</summary>
    public static CallerIdentity Of(Grpc.Core.ServerCallContext context) =>
        context.UserState.TryGetValue(typeof(CallerIdentity), out var caller) && caller is CallerIdentity identity ? identity : Anonymous;

    /// <summary>Rate-limit partition: one per key; anonymous callers share one.</summary>
    public string Partition => Key?.Id ?? "";

    public bool IsAdmin => Key is null || Key.IsAdmin;

    public bool Allows(string memory, MemoryAccess access) => Key is null || Key.Allows(memory, access);
}
