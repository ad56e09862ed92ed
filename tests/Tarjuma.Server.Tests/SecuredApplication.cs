using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Tarjuma.Core.Security;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

/// <summary>
/// A server with keys: memories <c>news</c> and <c>other</c>, and one key per role the matrix
/// tests. Shared by the tests of a class (creating keys and memories once keeps them fast).
/// </summary>
public sealed class SecuredApplication : IDisposable
{
    public SecuredApplication()
        : this(new Dictionary<string, string?>())
    {
    }

    internal SecuredApplication(IDictionary<string, string?> settings)
    {
        App = new TarjumaApplication(settings);
        var keys = App.Services.GetRequiredService<IApiKeyStore>();
        Admin = Create(keys, new NewApiKey("admin", true, []));
        App.Memories.CreateMemory(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" }, Bearer(Admin));
        App.Memories.CreateMemory(new CreateMemoryRequest { Name = "other", SourceLanguage = "tg", TargetLanguage = "en" }, Bearer(Admin));
        Reader = Create(keys, new NewApiKey("reader", false, [new KeyGrant("news", MemoryAccess.Read)]));
        Writer = Create(keys, new NewApiKey("writer", false, [new KeyGrant("news", MemoryAccess.Write)]));
        OtherMemory = Create(keys, new NewApiKey("other", false, [new KeyGrant("other", MemoryAccess.Write)]));
        NotYetCreated = Create(keys, new NewApiKey("not-yet", false, [new KeyGrant("not-yet", MemoryAccess.Write)]));
        var revoked = keys.CreateAsync(new NewApiKey("revoked", true, [])).GetAwaiter().GetResult();
        keys.RevokeAsync(revoked.Key.Id).GetAwaiter().GetResult();
        Revoked = revoked.Secret;
    }

    public TarjumaApplication App { get; }

    public string Admin { get; }

    public string Reader { get; }

    public string Writer { get; }

    public string OtherMemory { get; }

    /// <summary>May write memory 'not-yet', which does not exist.</summary>
    public string NotYetCreated { get; }

    public string Revoked { get; }

    public static Metadata Bearer(string? secret) => secret is null ? [] : new Metadata { { "authorization", "Bearer " + secret } };

    public void Dispose() => App.Dispose();

    private static string Create(IApiKeyStore keys, NewApiKey key) => keys.CreateAsync(key).GetAwaiter().GetResult().Secret;
}
