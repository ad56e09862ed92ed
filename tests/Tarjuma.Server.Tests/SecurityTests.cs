using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Tests;

/// <summary>Authorization details beyond the matrix: several memories per call, listings, open services.</summary>
public sealed class SecurityTests(SecuredApplication server) : IClassFixture<SecuredApplication>
{
    private Metadata Reader => SecuredApplication.Bearer(server.Reader);

    [Fact]
    public async Task Lookup_checks_every_memory_it_searches()
    {
        var request = new LookupRequest { Memory = "news", Text = "Офтоб баромад.", MoreMemories = { new MemoryRef { Name = "other" } } };

        var error = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, async () => await server.App.Lookup.LookupAsync(request, Reader));

        Assert.Contains("'other'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_message_naming_another_memory_is_refused_midway()
    {
        using var call = server.App.Units.AddUnits(SecuredApplication.Bearer(server.Writer));
        await call.RequestStream.WriteAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Дарё калон аст.", "The river is big.") });
        try
        {
            await call.RequestStream.WriteAsync(new AddUnitRequest { Memory = "other", Unit = Units.Pair("Кӯҳ баланд аст.", "The mountain is high.") });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException)
        {
            // The server may end the call before the second write completes.
        }

        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, async () => await call.ResponseAsync);
        var units = await server.App.Units.ListUnitsAsync(new ListUnitsRequest { Memory = "other" }, SecuredApplication.Bearer(server.Admin));
        Assert.DoesNotContain(units.Units, u => u.Source.Text == "Кӯҳ баланд аст.");
    }

    [Fact]
    public async Task Import_into_a_missing_memory_creates_it_only_for_an_administrator()
    {
        const string Tmx =
            "<tmx version=\"1.4\"><header srclang=\"tg\"/><body><tu><tuv xml:lang=\"tg\"><seg>Об тоза аст.</seg></tuv><tuv xml:lang=\"en\"><seg>The water "
                + "is clean.</seg></tuv></tu></body></tmx>";
        async Task<ImportTmxResponse> ImportAsync(string memory, string key)
        {
            using var call = server.App.Tmx.ImportTmx(SecuredApplication.Bearer(key));
            await call.RequestStream.WriteAsync(new ImportTmxRequest
            {
                Memory = memory,
                SourceLanguage = "tg",
                TargetLanguage = "en",
                Data = Google.Protobuf.ByteString.CopyFromUtf8(Tmx)
            });
            await call.RequestStream.CompleteAsync();
            return await call;
        }

        // A write grant on a name is not the right to create memories (an administrator's right).
        var error = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => ImportAsync("not-yet", server.NotYetCreated));
        Assert.Contains("administrator", error.Status.Detail, StringComparison.Ordinal);
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () =>
            await server.App.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "not-yet" }, SecuredApplication.Bearer(server.Admin)));

        var created = await ImportAsync("made-by-admin", server.Admin);
        Assert.True(created.MemoryCreated);

        // Once an administrator has created it, the grant is enough to import into it.
        await server.App.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "not-yet", SourceLanguage = "tg", TargetLanguage = "en" },
            SecuredApplication.Bearer(server.Admin));
        Assert.Equal(1, (await ImportAsync("not-yet", server.NotYetCreated)).Added);
    }

    [Fact]
    public async Task An_administrator_manages_keys_over_grpc_and_a_revoked_key_stops_at_once()
    {
        var keys = new KeyService.KeyServiceClient(server.App.Channel);
        var admin = SecuredApplication.Bearer(server.Admin);

        var created = await keys.CreateKeyAsync(new CreateKeyRequest { Name = "translator", Grants = { "news:write" } }, admin);
        Assert.StartsWith($"tj_{created.Key.Id}_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(["news:write"], created.Key.Grants);
        var asNewKey = SecuredApplication.Bearer(created.Secret);
        Assert.Equal("news", (await server.App.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" }, asNewKey)).Name);

        // Listed without any secret; only administrators may list, create or revoke.
        var listed = (await keys.ListKeysAsync(new ListKeysRequest(), admin)).Keys.Single(k => k.Id == created.Key.Id);
        Assert.Null(listed.RevokedAt);
        Assert.DoesNotContain(created.Secret, listed.ToString(), StringComparison.Ordinal);
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, async () => await keys.ListKeysAsync(new ListKeysRequest(), asNewKey));
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, async () => await keys.CreateKeyAsync(new CreateKeyRequest { Name = "escalate", Admin = true },
            asNewKey));

        var revoked = await keys.RevokeKeyAsync(new RevokeKeyRequest { Id = created.Key.Id }, admin);
        Assert.NotNull(revoked.RevokedAt);
        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, async () =>
            await server.App.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" }, asNewKey));
    }

    [Theory]
    [InlineData("news:delete", "grants[0]")]
    [InlineData("", "grants")]
    public async Task A_bad_key_request_names_its_field(string grant, string field)
    {
        var request = new CreateKeyRequest { Name = "bad" };
        if (grant.Length > 0)
        {
            request.Grants.Add(grant);
        }

        var error = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await new KeyService.KeyServiceClient(server.App.Channel).CreateKeyAsync(request, SecuredApplication.Bearer(server.Admin)));
        Assert.Contains(field, GrpcAssert.BadFields(error));
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () =>
            await new KeyService.KeyServiceClient(server.App.Channel).RevokeKeyAsync(new RevokeKeyRequest { Id = "0123456789ab" },
                SecuredApplication.Bearer(server.Admin)));
    }

    [Fact]
    public async Task Memory_list_shows_only_the_memories_a_key_may_read()
    {
        var asReader = await server.App.Memories.ListMemoriesAsync(new ListMemoriesRequest(), Reader);
        var asAdmin = await server.App.Memories.ListMemoriesAsync(new ListMemoriesRequest(), SecuredApplication.Bearer(server.Admin));

        Assert.Equal(["news"], asReader.Memories.Select(m => m.Name));
        Assert.Contains("other", asAdmin.Memories.Select(m => m.Name));
    }

    [Fact]
    public async Task Health_check_needs_no_key()
    {
        var response = await new Health.HealthClient(server.App.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer tj_zz")]
    public async Task Malformed_authorization_header_is_unauthenticated(string header)
    {
        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, async () =>
            await server.App.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" }, new Metadata { { "authorization", header } }));
    }

    [Fact]
    public void Every_rpc_of_the_protos_has_a_row_in_the_access_table()
    {
        var services = new[]
        {
            MemoryService.Descriptor, UnitService.Descriptor, TmxService.Descriptor, LookupService.Descriptor,
            SegmentationService.Descriptor, AlignmentService.Descriptor, DocumentService.Descriptor, KeyService.Descriptor,
        };
        var missing = services
            .SelectMany(s => s.File.Services)
            .Distinct()
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"))
            .Where(path => !RpcAccessTable.Rules.ContainsKey(path));

        Assert.Empty(missing);
    }

    [Fact]
    public void Rpc_missing_from_the_table_needs_an_administrator()
    {
        Assert.Equal(Requirement.Admin, RpcAccessTable.For("/tarjuma.v1.FutureService/DoSomething").Requirement);
        Assert.Equal(Requirement.Open, RpcAccessTable.For("/grpc.health.v1.Health/Check").Requirement);
    }
}

/// <summary>Without keys: open on loopback, closed when the server is reachable from the network.</summary>
public sealed class SecureByDefaultTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Server_without_keys_on_loopback_serves_anonymous_calls()
    {
        _ = _app.Server;
        _app.Server.Features.Set<IServerAddressesFeature>(new ServerAddressesFeature { Addresses = { "http://127.0.0.1:5151", "http://[::1]:5151" } });

        var list = await _app.Memories.ListMemoriesAsync(new ListMemoriesRequest());

        Assert.Empty(list.Memories);
    }

    [Fact]
    public async Task Server_without_keys_reachable_from_the_network_refuses_anonymous_calls()
    {
        _ = _app.Server;
        _app.Server.Features.Set<IServerAddressesFeature>(new ServerAddressesFeature { Addresses = { "http://0.0.0.0:5151" } });

        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, async () => await _app.Memories.ListMemoriesAsync(new ListMemoriesRequest()));
    }

    [Fact]
    public async Task Once_a_key_exists_anonymous_calls_are_refused_even_on_loopback()
    {
        var keys = (Core.Security.IApiKeyStore)_app.Services.GetService(typeof(Core.Security.IApiKeyStore))!;
        await _app.Memories.ListMemoriesAsync(new ListMemoriesRequest());

        await keys.CreateAsync(new Core.Security.NewApiKey("first", true, []));

        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, async () => await _app.Memories.ListMemoriesAsync(new ListMemoriesRequest()));
    }
}

/// <summary>The start-up decision as a table.</summary>
public sealed class ExposureTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5151", true)]
    [InlineData("http://127.8.9.10:80", true)]
    [InlineData("https://[::1]:5151", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://0.0.0.0:5151", false)]
    [InlineData("http://[::]:5151", false)]
    [InlineData("http://*:5151", false)]
    [InlineData("http://+:5151", false)]
    [InlineData("http://192.168.1.20:5151", false)]
    [InlineData("https://tm.example.org:443", false)]
    public void Only_loopback_addresses_count_as_local(string address, bool loopback)
    {
        Assert.Equal(loopback, Exposure.IsLoopback(address));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5151", false, false, SecurityMode.DeveloperOpen)]
    [InlineData("http://127.0.0.1:5151", true, false, SecurityMode.RequireKeys)]
    [InlineData("http://0.0.0.0:5151", false, false, SecurityMode.Refuse)]
    [InlineData("http://0.0.0.0:5151", false, true, SecurityMode.AnonymousOptOut)]
    [InlineData("http://0.0.0.0:5151", true, true, SecurityMode.RequireKeys)]
    public void Mode_follows_addresses_keys_and_opt_out(string address, bool anyKeys, bool allowAnonymous, SecurityMode expected)
    {
        Assert.Equal(expected, Exposure.Decide([address, "http://127.0.0.1:1"], anyKeys, allowAnonymous));
    }
}
