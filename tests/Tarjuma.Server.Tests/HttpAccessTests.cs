using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

/// <summary>
/// Keys over REST and gRPC-Web: the same AuthInterceptor decides as over gRPC, so no key is 401,
/// a read key cannot write (403), and the grants apply per memory; gRPC-Web calls from the .NET
/// gRPC-Web client (binary and text modes, HTTP/1.1) work like gRPC calls.
/// </summary>
public sealed class HttpAccessTests(SecuredApplication server) : IClassFixture<SecuredApplication>
{
    private static readonly object NewUnit = new { source = new { text = "Борон борид." }, target = new { text = "It rained." } };

    private async Task<(HttpStatusCode Status, JsonNode? Body)> RestAsync(HttpMethod method, string path, string? key, object? body = null)
    {
        using var http = server.App.CreateClient();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private GrpcChannel GrpcWebChannel(GrpcWebMode mode) =>
        GrpcChannel.ForAddress(server.App.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(mode, server.App.Server.CreateHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

    [Fact]
    public async Task Rest_without_a_key_is_401_with_the_servers_message()
    {
        var (status, body) = await RestAsync(HttpMethod.Get, "/v1/memories", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(16, body!["code"]!.GetValue<int>());
        Assert.Contains("Bearer", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_with_a_revoked_key_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await RestAsync(HttpMethod.Get, "/v1/memories", server.Revoked)).Status);
    }

    [Fact]
    public async Task Rest_read_key_reads_but_cannot_write()
    {
        Assert.Equal(HttpStatusCode.OK, (await RestAsync(HttpMethod.Post, "/v1/memories/news:lookup", server.Reader, new { text = "Борон борид." })).Status);
        Assert.Equal(HttpStatusCode.OK, (await RestAsync(HttpMethod.Get, "/v1/memories/news/units", server.Reader)).Status);

        var (status, body) = await RestAsync(HttpMethod.Post, "/v1/memories/news/units", server.Reader, NewUnit);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("may not write memory 'news'", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_write_key_writes_its_memory_only_and_manages_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await RestAsync(HttpMethod.Post, "/v1/memories/news/units", server.Writer, NewUnit)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await RestAsync(HttpMethod.Post, "/v1/memories/other/units", server.Writer, NewUnit)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await RestAsync(HttpMethod.Delete, "/v1/memories/news", server.Writer)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await RestAsync(HttpMethod.Get, "/v1/keys", server.Writer)).Status);
    }

    [Fact]
    public async Task Rest_memory_list_shows_only_what_the_key_may_read()
    {
        var (_, asReader) = await RestAsync(HttpMethod.Get, "/v1/memories", server.Reader);
        var (_, asAdmin) = await RestAsync(HttpMethod.Get, "/v1/memories", server.Admin);

        Assert.Equal(["news"], asReader!["memories"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
        Assert.Contains("other", asAdmin!["memories"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Rest_admin_creates_a_key_whose_secret_then_works()
    {
        var (status, created) = await RestAsync(HttpMethod.Post, "/v1/keys", server.Admin, new { name = "rest", grants = new[] { "other:read" } });
        Assert.Equal(HttpStatusCode.OK, status);
        var secret = created!["secret"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await RestAsync(HttpMethod.Get, "/v1/memories/other", secret)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await RestAsync(HttpMethod.Get, "/v1/memories/news", secret)).Status);
    }

    [Fact]
    public async Task OpenApi_document_needs_no_key()
    {
        using var http = server.App.CreateClient();

        using var response = await http.GetAsync(new Uri(Http.HttpApi.OpenApiPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(GrpcWebMode.GrpcWeb)]
    [InlineData(GrpcWebMode.GrpcWebText)]
    public async Task Grpc_web_lookup_works_with_a_read_key(GrpcWebMode mode)
    {
        using var channel = GrpcWebChannel(mode);
        var units = new UnitService.UnitServiceClient(channel);
        await units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Ҳаво гарм аст.", "It is hot.") },
            SecuredApplication.Bearer(server.Writer));

        var response = await new LookupService.LookupServiceClient(channel)
            .LookupAsync(new LookupRequest { Memory = "news", Text = "Ҳаво гарм аст." }, SecuredApplication.Bearer(server.Reader));

        var match = Assert.Single(response.Matches);
        Assert.Equal(100, match.Score);
        Assert.Equal("It is hot.", match.Suggestion.Text);
    }

    [Fact]
    public async Task Grpc_web_refuses_as_grpc_does()
    {
        using var channel = GrpcWebChannel(GrpcWebMode.GrpcWeb);
        var units = new UnitService.UnitServiceClient(channel);
        var request = new AddUnitRequest { Memory = "news", Unit = Units.Pair("Борон борид.", "It rained.") };

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => units.AddUnitAsync(request).ResponseAsync);
        var reader = await Assert.ThrowsAsync<RpcException>(() => units.AddUnitAsync(request, SecuredApplication.Bearer(server.Reader)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, reader.StatusCode);
    }

    [Fact]
    public async Task Grpc_web_invalid_argument_keeps_the_message_naming_the_field()
    {
        using var channel = GrpcWebChannel(GrpcWebMode.GrpcWeb);

        var error = await Assert.ThrowsAsync<RpcException>(() => new LookupService.LookupServiceClient(channel)
            .LookupAsync(new LookupRequest { Memory = "news", Text = "" }, SecuredApplication.Bearer(server.Reader)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("text", error.Status.Detail, StringComparison.Ordinal);
    }
}
