using System.Text;
using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;

namespace Tarjuma.Storage.Sqlite.Tests;

public sealed class ApiKeyStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly SqliteMemoryStore _store;

    public ApiKeyStoreTests() => _store = SqliteMemoryStore.Open(_database.Options);

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    private static NewApiKey Reader(string memory) => new("reader", false, [new KeyGrant(memory, MemoryAccess.Read)]);

    [Fact]
    public async Task Created_key_verifies_with_its_secret_and_lists_without_it()
    {
        var created = await _store.CreateAsync(new NewApiKey("translator", false, [new KeyGrant("news", MemoryAccess.Write), new KeyGrant("*",
            MemoryAccess.Read)]));

        Assert.Equal(created.Key, await _store.VerifyAsync(created.Secret));
        var listed = Assert.Single(await _store.ListAsync());
        Assert.Equal(created.Key, listed);
        Assert.Equal([new KeyGrant("news", MemoryAccess.Write), new KeyGrant("*", MemoryAccess.Read)], listed.Grants.ToArray());
        Assert.True(await _store.AnyKeysAsync());
    }

    [Fact]
    public async Task Secret_is_never_stored_in_clear()
    {
        var created = await _store.CreateAsync(new NewApiKey("admin", true, []));
        Assert.True(ApiKeySecret.TryParse(created.Secret, out _, out var random));
        SqliteConnection.ClearAllPools();

        var file = await File.ReadAllBytesAsync(_database.DatabasePath);
        var wal = _database.DatabasePath + "-wal";
        var bytes = File.Exists(wal) ? [.. file, .. await File.ReadAllBytesAsync(wal)] : file;
        var text = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain(random, text, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("tj_")]
    [InlineData("tj_000000000000_AAAA")]
    [InlineData("not-a-key")]
    public async Task Malformed_or_unknown_secret_verifies_to_nothing(string secret)
    {
        await _store.CreateAsync(new NewApiKey("admin", true, []));

        Assert.Null(await _store.VerifyAsync(secret));
    }

    [Fact]
    public async Task Secret_with_one_character_changed_is_refused()
    {
        var created = await _store.CreateAsync(Reader("news"));
        var last = created.Secret[^1];
        var wrong = created.Secret[..^1] + (last == 'A' ? 'B' : 'A');

        Assert.Null(await _store.VerifyAsync(wrong));
    }

    [Fact]
    public async Task Revoked_key_no_longer_verifies_but_still_lists()
    {
        var created = await _store.CreateAsync(Reader("news"));

        Assert.True(await _store.RevokeAsync(created.Key.Id));
        Assert.False(await _store.RevokeAsync("000000000000"));

        Assert.Null(await _store.VerifyAsync(created.Secret));
        Assert.True(Assert.Single(await _store.ListAsync()).IsRevoked);
        Assert.True(await _store.AnyKeysAsync());
    }

    [Fact]
    public async Task Two_keys_have_different_ids_and_secrets()
    {
        var a = await _store.CreateAsync(Reader("news"));
        var b = await _store.CreateAsync(Reader("news"));

        Assert.NotEqual(a.Key.Id, b.Key.Id);
        Assert.NotEqual(a.Secret, b.Secret);
        Assert.Null(await _store.VerifyAsync($"{ApiKeySecret.Prefix}{a.Key.Id}_{b.Secret.Split('_')[2]}"));
    }

    [Fact]
    public async Task Key_without_admin_or_grants_is_refused()
    {
        var error = await Assert.ThrowsAsync<TarjumaException>(() => _store.CreateAsync(new NewApiKey("nothing", false, [])));

        Assert.Equal("grant", error.Field);
        Assert.False(await _store.AnyKeysAsync());
    }
}
