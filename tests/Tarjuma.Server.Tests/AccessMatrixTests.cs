using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

/// <summary>
/// Every RPC × every kind of caller: without a key, with a wrong or revoked key, with a read or a
/// write grant on the memory the call names, with a grant on another memory only, as administrator.
/// A call that passes authorization may still fail for its own reasons (a unit that does not
/// exist): the matrix asserts only that it was not refused as Unauthenticated or PermissionDenied.
/// </summary>
public sealed class AccessMatrixTests(SecuredApplication server) : IClassFixture<SecuredApplication>
{
    /// <summary>What a call needs, weakest first.</summary>
    public enum Need
    {
        AnyKey,
        Read,
        Write,
        Admin,
    }

    private const string TinyTmx =
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" "
            + "creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n" +
        "<tu><tuv xml:lang=\"tg\"><seg>Китоб.</seg></tuv><tuv xml:lang=\"en\"><seg>A book.</seg></tuv></tu>\n</body></tmx>";

    private static readonly Dictionary<string, (Need Need, Func<GrpcChannel, Metadata, Task> Call)> Calls = new(StringComparer.Ordinal)
    {
        ["MemoryService.CreateMemory"] = (Need.Admin, (c, h) => new MemoryService.MemoryServiceClient(c).CreateMemoryAsync(new CreateMemoryRequest
        {
            Name = "m"
            + Guid.NewGuid().ToString("N"),
            SourceLanguage = "tg",
            TargetLanguage = "en"
        }, h).ResponseAsync),
        ["MemoryService.UpdateMemory"] = (Need.Admin, (c, h) => new MemoryService.MemoryServiceClient(c).UpdateMemoryAsync(new UpdateMemoryRequest
        {
            Name =
            "news",
            Description = "Хабарҳо"
        }, h).ResponseAsync),
        ["MemoryService.DeleteMemory"] = (Need.Admin, (c, h) => new MemoryService.MemoryServiceClient(c).DeleteMemoryAsync(new DeleteMemoryRequest
        {
            Name =
            "never-created"
        }, h).ResponseAsync),
        ["MemoryService.GetMemory"] = (Need.Read, (c, h) => new MemoryService.MemoryServiceClient(c).GetMemoryAsync(new GetMemoryRequest { Name = "news" },
            h).ResponseAsync),
        ["MemoryService.GetMemoryStatistics"] = (Need.Read, (c, h) => new MemoryService.MemoryServiceClient(c)
            .GetMemoryStatisticsAsync(new GetMemoryStatisticsRequest { Name = "news" }, h).ResponseAsync),
        ["KeyService.CreateKey"] = (Need.Admin, (c, h) => new KeyService.KeyServiceClient(c).CreateKeyAsync(new CreateKeyRequest
        {
            Name = "matrix",
            Grants = { "news:read" }
        }, h).ResponseAsync),
        ["KeyService.ListKeys"] = (Need.Admin, (c, h) => new KeyService.KeyServiceClient(c).ListKeysAsync(new ListKeysRequest(), h).ResponseAsync),
        ["KeyService.RevokeKey"] = (Need.Admin, (c, h) => new KeyService.KeyServiceClient(c).RevokeKeyAsync(new RevokeKeyRequest { Id = "0123456789ab" },
            h).ResponseAsync),
        ["KeyService.GetCallerKey"] = (Need.AnyKey, (c, h) => new KeyService.KeyServiceClient(c).GetCallerKeyAsync(new GetCallerKeyRequest(), h).ResponseAsync),
        ["MemoryService.ListMemories"] = (Need.AnyKey, (c, h) => new MemoryService.MemoryServiceClient(c).ListMemoriesAsync(new ListMemoriesRequest(),
            h).ResponseAsync),
        ["UnitService.AddUnit"] = (Need.Write, (c, h) => new UnitService.UnitServiceClient(c).AddUnitAsync(new AddUnitRequest
        {
            Memory = "news",
            Unit = Units.Pair("Офтоб баромад.", "The sun rose.")
        }, h).ResponseAsync),
        ["UnitService.AddUnits"] = (Need.Write, AddUnitsCall),
        ["UnitService.UpdateUnit"] = (Need.Write, (c, h) => new UnitService.UnitServiceClient(c).UpdateUnitAsync(new UpdateUnitRequest
        {
            Memory = "news",
            Unit = WithId(Units.Pair("Ҳаво гарм аст.", "It is hot."), 999_999)
        }, h).ResponseAsync),
        ["UnitService.DeleteUnit"] = (Need.Write, (c, h) => new UnitService.UnitServiceClient(c).DeleteUnitAsync(new DeleteUnitRequest
        {
            Memory = "news",
            Id = 999_999
        }, h).ResponseAsync),
        ["UnitService.GetUnit"] = (Need.Read, (c, h) => new UnitService.UnitServiceClient(c).GetUnitAsync(new GetUnitRequest { Memory = "news", Id = 999_999 },
            h).ResponseAsync),
        ["UnitService.ListUnits"] = (Need.Read, (c, h) => new UnitService.UnitServiceClient(c).ListUnitsAsync(new ListUnitsRequest { Memory = "news" },
            h).ResponseAsync),
        ["TmxService.ImportTmx"] = (Need.Write, ImportTmxCall),
        ["TmxService.ExportTmx"] = (Need.Read, ExportTmxCall),
        ["LookupService.Lookup"] = (Need.Read, (c, h) => new LookupService.LookupServiceClient(c).LookupAsync(new LookupRequest
        {
            Memory = "news",
            Text = "Офтоб баромад."
        }, h).ResponseAsync),
        ["LookupService.LookupStream"] = (Need.Read, LookupStreamCall),
        ["SegmentationService.Segment"] = (Need.AnyKey, (c, h) => new SegmentationService.SegmentationServiceClient(c).SegmentAsync(new SegmentRequest
        {
            Text =
            "Як. Ду.",
            Language = "tg"
        }, h).ResponseAsync),
        ["SegmentationService.SegmentStream"] = (Need.AnyKey, SegmentStreamCall),
        ["SegmentationService.ListRules"] = (Need.AnyKey, (c, h) => new SegmentationService.SegmentationServiceClient(c).ListRulesAsync(new ListRulesRequest(),
            h).ResponseAsync),
        ["SegmentationService.Segment by a memory's rules"] = (Need.Read, (c, h) => new SegmentationService.SegmentationServiceClient(c)
            .SegmentAsync(new SegmentRequest { Text = "Як. Ду.", Memory = "news" }, h).ResponseAsync),
        ["SegmentationService.ListRules of a memory"] = (Need.Read, (c, h) => new SegmentationService.SegmentationServiceClient(c)
            .ListRulesAsync(new ListRulesRequest { Memory = "news" }, h).ResponseAsync),
        ["SegmentationService.EditAbbreviations"] = (Need.Admin, (c, h) => new SegmentationService.SegmentationServiceClient(c)
            .EditAbbreviationsAsync(new EditAbbreviationsRequest { Memory = "news", Add = { "мас" } }, h).ResponseAsync),
        ["AlignmentService.Align"] = (Need.AnyKey, (c, h) => new AlignmentService.AlignmentServiceClient(c).AlignAsync(new AlignRequest
        {
            SourceText =
            "Як. Ду.",
            TargetText = "One. Two."
        }, h).ResponseAsync),
        ["AlignmentService.Align into a memory"] = (Need.Write, (c, h) =>
            new AlignmentService.AlignmentServiceClient(c).AlignAsync(new AlignRequest { SourceText = "Як. Ду.", TargetText = "One. Two.", Memory = "news" },
                h).ResponseAsync),
    };

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var call in Calls.Keys)
        {
            foreach (var caller in new[] { "no key", "wrong key", "revoked key", "read key", "write key", "other memory's key", "admin key" })
            {
                data.Add(call, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Call_is_allowed_exactly_when_the_key_grants_what_it_needs(string rpc, string caller)
    {
        var (need, call) = Calls[rpc];
        var (secret, expected) = caller switch
        {
            "no key" => (null, StatusCode.Unauthenticated),
            "wrong key" => ("tj_0123456789ab_" + new string('A', 43), StatusCode.Unauthenticated),
            "revoked key" => (server.Revoked, StatusCode.Unauthenticated),
            "read key" => (server.Reader, need <= Need.Read ? StatusCode.OK : StatusCode.PermissionDenied),
            "write key" => (server.Writer, need <= Need.Write ? StatusCode.OK : StatusCode.PermissionDenied),
            "other memory's key" => (server.OtherMemory, need == Need.AnyKey ? StatusCode.OK : StatusCode.PermissionDenied),
            _ => (server.Admin, StatusCode.OK),
        };

        var actual = StatusCode.OK;
        try
        {
            await call(server.App.Channel, SecuredApplication.Bearer(secret));
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            actual = exception.StatusCode;
        }
        catch (RpcException)
        {
            // Authorized, then refused for another reason (not found, invalid): access was granted.
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Matrix_covers_every_rpc_the_server_maps()
    {
        var mapped = Security.RpcAccessTable.Rules.Keys
            .Where(path => !path.Contains("DocumentService", StringComparison.Ordinal))
            .Select(path => path.TrimStart('/').Replace("tarjuma.v1.", "", StringComparison.Ordinal).Replace('/', '.'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(mapped, Calls.Keys.Select(k => k.Split(' ')[0]).Distinct().Order(StringComparer.Ordinal));
    }

    private static async Task AddUnitsCall(GrpcChannel c, Metadata h)
    {
        using var call = new UnitService.UnitServiceClient(c).AddUnits(h);
        await Send(() => call.RequestStream.WriteAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Борон борид.", "It rained.") }));
        await Send(() => call.RequestStream.CompleteAsync());
        await call.ResponseAsync;
    }

    private static async Task ImportTmxCall(GrpcChannel c, Metadata h)
    {
        using var call = new TmxService.TmxServiceClient(c).ImportTmx(h);
        await Send(() => call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = "news" }));
        await Send(() => call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(TinyTmx, Encoding.UTF8) }));
        await Send(() => call.RequestStream.CompleteAsync());
        await call.ResponseAsync;
    }

    private static async Task ExportTmxCall(GrpcChannel c, Metadata h)
    {
        using var call = new TmxService.TmxServiceClient(c).ExportTmx(new ExportTmxRequest { Memory = "news" }, h);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task LookupStreamCall(GrpcChannel c, Metadata h)
    {
        using var call = new LookupService.LookupServiceClient(c).LookupStream(h);
        await Send(() => call.RequestStream.WriteAsync(new LookupRequest { Memory = "news", Text = "Офтоб баромад." }));
        await Send(() => call.RequestStream.CompleteAsync());
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task SegmentStreamCall(GrpcChannel c, Metadata h)
    {
        using var call = new SegmentationService.SegmentationServiceClient(c).SegmentStream(h);
        await Send(() => call.RequestStream.WriteAsync(new SegmentRequest { Text = "Як. Ду.", Language = "tg" }));
        await Send(() => call.RequestStream.CompleteAsync());
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    /// <summary>
    /// Sends on a request stream the server may already have closed (refused): the write then
    /// fails with a transport error, and the call's real status comes from the response.
    /// </summary>
    private static async Task Send(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException or IOException)
        {
        }
    }

    private static TranslationUnit WithId(TranslationUnit unit, long id)
    {
        unit.Id = id;
        return unit;
    }
}
