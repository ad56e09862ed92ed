using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

/// <summary>GetCallerKey (issue #16): any key reads its own role and grants, never another key's.</summary>
public sealed class CallerKeyTests(SecuredApplication server) : IClassFixture<SecuredApplication>
{
    [Fact]
    public async Task A_read_key_reads_its_own_grants()
    {
        var keys = new KeyService.KeyServiceClient(server.App.Channel);

        var key = await keys.GetCallerKeyAsync(new GetCallerKeyRequest(), SecuredApplication.Bearer(server.Reader));

        Assert.Equal("reader", key.Name);
        Assert.False(key.Admin);
        Assert.Equal(["news:read"], key.Grants);
        Assert.StartsWith("tj_" + key.Id + "_", server.Reader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_key_says_so()
    {
        var keys = new KeyService.KeyServiceClient(server.App.Channel);

        var key = await keys.GetCallerKeyAsync(new GetCallerKeyRequest(), SecuredApplication.Bearer(server.Admin));

        Assert.True(key.Admin);
        Assert.Null(key.RevokedAt);
    }
}
