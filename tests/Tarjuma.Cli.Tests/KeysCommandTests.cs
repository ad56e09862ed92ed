using Tarjuma.CommandLine;
using Tarjuma.Core.Security;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Created_key_prints_its_secret_once_and_lists_without_it()
    {
        var created = await CliRun.RunAsync("keys", "create", "--name", "CAT tool", "--grant", "news:write", "--grant", "*:read", "--db", _temp.Database);
        var list = await CliRun.RunAsync("keys", "list", "--db", _temp.Database);

        Assert.Equal(0, created.ExitCode);
        var secret = created.Out.Trim();
        Assert.StartsWith(ApiKeySecret.Prefix, secret, StringComparison.Ordinal);
        Assert.Contains("cannot be shown again", created.Error, StringComparison.Ordinal);
        Assert.Contains("\tCAT tool\tnews:write,*:read\t", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Out, StringComparison.Ordinal);
        using var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _temp.Database });
        Assert.Equal("CAT tool", (await store.VerifyAsync(secret))?.Name);
    }

    [Fact]
    public async Task Revoked_key_stops_verifying_and_lists_as_revoked()
    {
        var secret = (await CliRun.RunAsync("keys", "create", "--name", "ops", "--admin", "--db", _temp.Database)).Out.Trim();
        Assert.True(ApiKeySecret.TryParse(secret, out var id, out _));

        var revoke = await CliRun.RunAsync("keys", "revoke", id, "--db", _temp.Database);
        var again = await CliRun.RunAsync("keys", "revoke", "000000000000", "--db", _temp.Database);
        var list = await CliRun.RunAsync("keys", "list", "--db", _temp.Database);

        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(CliRunner.ExitFailure, again.ExitCode);
        Assert.DoesNotContain("\tactive", list.Out, StringComparison.Ordinal);
        using var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _temp.Database });
        Assert.Null(await store.VerifyAsync(secret));
    }

    [Theory]
    [InlineData("--grant", "news:delete")]
    [InlineData("--grant", "news")]
    [InlineData("--grant", "bad name:read")]
    public async Task Bad_grant_is_refused_and_creates_nothing(string option, string value)
    {
        var result = await CliRun.RunAsync("keys", "create", "--name", "x", option, value, "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains("--grant", result.Error, StringComparison.Ordinal);
        Assert.Equal("", (await CliRun.RunAsync("keys", "list", "--db", _temp.Database)).Out);
    }

    [Fact]
    public async Task Key_without_role_or_grant_is_refused()
    {
        var result = await CliRun.RunAsync("keys", "create", "--name", "nothing", "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains("administrator or has at least one grant", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_network_address_without_keys_refuses_to_start()
    {
        var result = await CliRun.RunAsync("serve", "--urls", "http://0.0.0.0:0", "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains("--insecure-allow-anonymous", result.Error, StringComparison.Ordinal);
    }
}
