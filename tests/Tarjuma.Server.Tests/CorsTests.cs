using System.Net;
using Microsoft.Extensions.Configuration;
using Tarjuma.Server.Http;
using Tarjuma.Server.Tests.Protocols;

namespace Tarjuma.Server.Tests;

/// <summary>Browser callers from another origin: only the origins in Tarjuma:Cors:Origins, none by default.</summary>
public sealed class CorsTests
{
    private const string Allowed = "https://tm.example.org";

    private static HttpRequestMessage Preflight(string origin, string path = "/v1/memories")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, x-grpc-web");
        return request;
    }

    [Fact]
    public async Task A_configured_origin_passes_the_preflight_and_reads_the_answer_and_grpc_status()
    {
        using var server = new ProtocolServer(new Dictionary<string, string?> { ["Tarjuma:Cors:Origins"] = $"{Allowed}, http://localhost:8080" });
        using var client = server.Client();

        // The preflight carries no key: it is answered before any key check.
        using var preflight = await client.SendAsync(Preflight(Allowed));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Allowed, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("authorization", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/tmserver/languages/");
        request.Headers.Add("Origin", Allowed);
        request.Headers.Authorization = new("Bearer", server.Key("reader"));
        using var answer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(Allowed, Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Grpc-Status", string.Join(",", answer.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);

        using var other = await client.SendAsync(Preflight("https://evil.example"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task No_origin_is_allowed_by_default()
    {
        using var server = new ProtocolServer();
        using var client = server.Client();

        using var preflight = await client.SendAsync(Preflight(Allowed));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://tm.example.org/")]
    [InlineData("https://tm.example.org/path")]
    [InlineData("tm.example.org")]
    [InlineData("ftp://tm.example.org")]
    public void An_entry_that_is_not_an_origin_stops_the_server_naming_the_setting(string entry)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tarjuma:Cors:Origins:0"] = entry }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => CorsSettings.Origins(configuration));

        Assert.StartsWith($"Tarjuma:Cors:Origins: '{entry}' is not an origin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Origins_are_read_from_a_list_or_one_comma_separated_string()
    {
        var list = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tarjuma:Cors:Origins:0"] = Allowed,
            ["Tarjuma:Cors:Origins:1"] = "http://localhost:8080",
        }).Build();
        var single = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tarjuma:Cors:Origins"] = $"{Allowed},http://localhost:8080",
        }).Build();

        Assert.Equal([Allowed, "http://localhost:8080"], CorsSettings.Origins(list));
        Assert.Equal([Allowed, "http://localhost:8080"], CorsSettings.Origins(single));
        Assert.Empty(CorsSettings.Origins(new ConfigurationBuilder().Build()));
    }
}
