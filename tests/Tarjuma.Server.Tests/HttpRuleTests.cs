using Google.Api;
using Google.Protobuf.Reflection;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Http;

namespace Tarjuma.Server.Tests;

/// <summary>
/// The REST contract read from the protos' descriptors: every unary RPC of tarjuma.v1 has a
/// google.api.http rule under /v1, every streaming one has none (gRPC only), and the OpenAPI
/// document the server serves is valid and lists exactly those operations.
/// </summary>
public sealed class HttpRuleTests(HttpRuleTests.Server server) : IClassFixture<HttpRuleTests.Server>
{
    /// <summary>One open server for the document tests (it changes nothing).</summary>
    public sealed class Server : IDisposable
    {
        public TarjumaApplication App { get; } = new();

        public void Dispose() => App.Dispose();
    }

    /// <summary>Every service of the tarjuma.v1 files compiled into the contract assembly.</summary>
    private static List<ServiceDescriptor> ContractServices() =>
        [.. typeof(MemoryService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", typeof(FileDescriptor))?.GetValue(null) as FileDescriptor)
            .OfType<FileDescriptor>()
            .Where(f => f.Package == "tarjuma.v1")
            .SelectMany(f => f.Services)
            .OrderBy(s => s.FullName, StringComparer.Ordinal)];

    private static IEnumerable<MethodDescriptor> Methods() => ContractServices().SelectMany(s => s.Methods);

    private static bool IsStreaming(MethodDescriptor method) => method.IsClientStreaming || method.IsServerStreaming;

    /// <summary>The rule and its additional bindings as (verb, path) pairs.</summary>
    private static List<(OperationType Verb, string Path)> Routes(HttpRule rule) =>
        [.. rule.AdditionalBindings.Prepend(rule).Select(r => r.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => (OperationType.Get, r.Get),
            HttpRule.PatternOneofCase.Post => (OperationType.Post, r.Post),
            HttpRule.PatternOneofCase.Patch => (OperationType.Patch, r.Patch),
            HttpRule.PatternOneofCase.Put => (OperationType.Put, r.Put),
            HttpRule.PatternOneofCase.Delete => (OperationType.Delete, r.Delete),
            _ => throw new InvalidOperationException($"unexpected pattern {r.PatternCase}"),
        })];

    private static string Signature(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]*\}", "{}");

    private static HttpRule? RuleOf(MethodDescriptor method) => method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);

    [Fact]
    public void The_server_knows_every_service_of_the_contract()
    {
        Assert.Equal(ContractServices().Select(s => s.FullName), HttpApi.Services.Select(s => s.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_unary_rpc_has_a_v1_rule_and_no_streaming_rpc_has_one()
    {
        var methods = Methods().ToList();
        Assert.True(methods.Count >= 28, $"only {methods.Count} methods found: the descriptor walk is broken");
        foreach (var method in methods)
        {
            var rule = RuleOf(method);
            if (IsStreaming(method))
            {
                Assert.True(rule is null, $"{method.FullName} streams: it must stay gRPC-only (no google.api.http rule).");
                continue;
            }

            Assert.True(rule is not null, $"{method.FullName} has no google.api.http rule: it is not reachable over REST.");
            Assert.All(Routes(rule), route => Assert.StartsWith("/v1/", route.Path, StringComparison.Ordinal));
            // GET and DELETE carry no body (RFC 9110 gives it no meaning): their fields come from the path and query.
            Assert.All(
                rule.AdditionalBindings.Prepend(rule).Where(r => r.PatternCase is HttpRule.PatternOneofCase.Get or HttpRule.PatternOneofCase.Delete),
                r => Assert.Empty(r.Body));
        }
    }

    [Fact]
    public void Routes_are_unique()
    {
        var routes = Methods().Select(RuleOf).OfType<HttpRule>().SelectMany(Routes).ToList();
        Assert.Equal(routes.Count, routes.Distinct().Count());
    }

    [Fact]
    public async Task OpenApi_document_is_valid_and_lists_every_rest_route_and_nothing_else()
    {
        using var http = server.App.CreateClient();
        using var response = await http.GetAsync(new Uri(HttpApi.OpenApiPath, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        var document = new OpenApiStringReader().Read(text, out var diagnostic);

        Assert.Empty(diagnostic.Errors.Select(e => e.ToString()));
        Assert.StartsWith("3.", diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal).Replace('_', '.'),
            StringComparison.Ordinal);
        // Compared by signature: OpenAPI merges paths that differ only in variable names ({id}, {unit.id}).
        var expected = Methods().Select(RuleOf).OfType<HttpRule>().SelectMany(Routes)
            .Select(r => $"{r.Verb} {Signature(r.Path)}").Order(StringComparer.Ordinal).ToList();
        var listed = document.Paths.SelectMany(p => p.Value.Operations.Keys.Select(verb =>
            $"{verb} {Signature(p.Key)}")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, listed);
        Assert.Contains("bearer", document.Components.SecuritySchemes.Keys);
    }

    [Fact]
    public async Task OpenApi_document_says_which_calls_are_grpc_only()
    {
        using var http = server.App.CreateClient();
        var document = new OpenApiStringReader().Read(await http.GetStringAsync(new Uri(HttpApi.OpenApiPath, UriKind.Relative)), out _);

        Assert.Contains("gRPC-only", document.Info.Description, StringComparison.Ordinal);
        foreach (var method in Methods().Where(IsStreaming))
        {
            Assert.Contains($"{method.Service.Name}.{method.Name}", document.Info.Description, StringComparison.Ordinal);
        }
    }
}
