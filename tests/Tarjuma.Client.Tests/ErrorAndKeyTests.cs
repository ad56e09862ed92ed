using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Tarjuma.Core.Security;

namespace Tarjuma.Client.Tests;

public sealed class ErrorAndKeyTests : IDisposable
{
    private readonly ClientApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_bad_field_is_named_in_a_typed_exception_that_is_still_an_RpcException()
    {
        var client = _app.CreateTarjumaClient();
        var error = await Assert.ThrowsAsync<TarjumaInvalidArgumentException>(() => client.CreateMemoryAsync("news", "not a language!", "en"));

        Assert.Equal("source_language", error.Field);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Null(error.Line);
        Assert.IsAssignableFrom<RpcException>(error);
        Assert.StartsWith("InvalidArgument: source_language", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_and_duplicate_memories_have_their_own_exceptions()
    {
        var client = _app.CreateTarjumaClient();
        await Assert.ThrowsAsync<TarjumaNotFoundException>(() => client.GetMemoryAsync("missing"));
        await client.CreateMemoryAsync("news", "tg", "en");
        await Assert.ThrowsAsync<TarjumaAlreadyExistsException>(() => client.CreateMemoryAsync("news", "tg", "en"));
    }

    [Fact]
    public async Task Keys_are_created_listed_and_revoked_and_a_call_without_a_grant_is_refused()
    {
        var store = _app.Services.GetRequiredService<IApiKeyStore>();
        var admin = (await store.CreateAsync(new NewApiKey("admin", true, []))).Secret;
        var client = _app.CreateTarjumaClient(apiKey: admin);
        await client.CreateMemoryAsync("news", "tg", "en");

        var created = await client.CreateKeyAsync("reader", admin: false, ["news:read"]);
        Assert.False(string.IsNullOrEmpty(created.Secret));
        Assert.Contains(await client.ListKeysAsync(), k => k.Id == created.Key.Id && k.Grants.Contains("news:read"));

        var reader = _app.CreateTarjumaClient(apiKey: created.Secret);
        Assert.Equal("news", (await reader.GetMemoryAsync("news")).Name);
        await Assert.ThrowsAsync<TarjumaPermissionDeniedException>(() => reader.AddUnitAsync("news", Fixtures.Book, Fixtures.BookEn));
        await Assert.ThrowsAsync<TarjumaUnauthenticatedException>(() => _app.CreateTarjumaClient().ListMemoriesAsync());

        Assert.NotNull((await client.RevokeKeyAsync(created.Key.Id)).RevokedAt);
        await Assert.ThrowsAsync<TarjumaUnauthenticatedException>(() => reader.GetMemoryAsync("news"));
        await Assert.ThrowsAsync<TarjumaNotFoundException>(() => client.RevokeKeyAsync("no-such-key"));
    }

    [Fact]
    public async Task A_grant_that_cannot_be_read_names_the_grants_field()
    {
        var store = _app.Services.GetRequiredService<IApiKeyStore>();
        var client = _app.CreateTarjumaClient(apiKey: (await store.CreateAsync(new NewApiKey("admin", true, []))).Secret);
        var error = await Assert.ThrowsAsync<TarjumaInvalidArgumentException>(() => client.CreateKeyAsync("bad", admin: false, ["news:fly"]));
        Assert.NotNull(error.Field);
        Assert.StartsWith("grants", error.Field, StringComparison.Ordinal);
    }
}
