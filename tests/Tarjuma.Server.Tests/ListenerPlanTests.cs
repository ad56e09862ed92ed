using Microsoft.AspNetCore.Server.Kestrel.Core;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Tests;

/// <summary>Where the server listens: gRPC addresses and the plain-HTTP listener beside them.</summary>
public sealed class ListenerPlanTests
{
    [Fact]
    public void Plain_grpc_gets_http2_alone_and_http_clients_get_port_plus_one()
    {
        var plan = ListenerPlan.Resolve("http://127.0.0.1:5151", httpUrls: null);

        Assert.Equal(
            [new Listener("http://127.0.0.1:5151", HttpProtocols.Http2, false), new Listener("http://127.0.0.1:5152", HttpProtocols.Http1, true)],
            plan);
        Assert.Equal(HttpProtocols.Http2, ListenerPlan.ProtocolsFor(plan, 5151));
        Assert.Equal(HttpProtocols.Http1, ListenerPlan.ProtocolsFor(plan, 5152));
        Assert.Null(ListenerPlan.ProtocolsFor(plan, 5153));
    }

    [Fact]
    public void Tls_serves_both_versions_on_the_grpc_port_too()
    {
        var plan = ListenerPlan.Resolve("https://*:8443", httpUrls: null);

        Assert.Equal(
            [new Listener("https://*:8443", HttpProtocols.Http1AndHttp2, false), new Listener("https://*:8444", HttpProtocols.Http1AndHttp2, true)],
            plan);
    }

    [Theory]
    [InlineData("http://[::1]:7000;http://localhost:7010", "http://[::1]:7001;http://localhost:7011")]
    [InlineData("http://example.org", "http://example.org:81")]
    [InlineData("https://example.org/", "https://example.org:444/")]
    public void Every_grpc_address_gets_its_neighbour(string grpc, string expected)
    {
        var plan = ListenerPlan.Resolve(grpc, httpUrls: " ");

        Assert.Equal(expected, ListenerPlan.Urls(plan.Where(listener => listener.ForHttpClients)));
    }

    [Fact]
    public void Explicit_http_addresses_replace_the_default_and_none_turns_it_off()
    {
        var given = ListenerPlan.Resolve("http://127.0.0.1:5151", "http://0.0.0.0:8080;http://127.0.0.1:9090");
        var none = ListenerPlan.Resolve("http://127.0.0.1:5151", "NONE");

        Assert.Equal("http://0.0.0.0:8080;http://127.0.0.1:9090", ListenerPlan.Urls(given.Where(listener => listener.ForHttpClients)));
        Assert.Single(none);
    }

    [Fact]
    public void A_system_picked_grpc_port_gets_no_http_listener_unless_asked()
    {
        Assert.Single(ListenerPlan.Resolve("http://127.0.0.1:0", httpUrls: null));
        Assert.Equal(HttpProtocols.Http1, ListenerPlan.ProtocolsFor(ListenerPlan.Resolve("http://127.0.0.1:5151", "http://127.0.0.1:0"), 0));
    }

    [Theory]
    [InlineData("ftp://host:21", null, "'ftp://host:21' is not an address to listen on")]
    [InlineData("http://127.0.0.1:5151", "127.0.0.1:8080", "'127.0.0.1:8080' is not an address to listen on")]
    [InlineData("http://127.0.0.1:99999", null, "port 99999 is out of range")]
    [InlineData("http://127.0.0.1:65535", null, "has no port + 1")]
    [InlineData("http://127.0.0.1:5151", "http://0.0.0.0:5151", "need different ports")]
    [InlineData("http://127.0.0.1:0", "http://127.0.0.1:0", "port 0 may be used once")]
    [InlineData(" ; ", null, "no gRPC address")]
    public void Bad_addresses_are_refused_with_a_message_naming_them(string grpc, string? http, string message)
    {
        var exception = Assert.Throws<InvalidListenerException>(() => ListenerPlan.Resolve(grpc, http));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }
}
