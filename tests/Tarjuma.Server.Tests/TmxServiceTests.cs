using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

public sealed class TmxServiceTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Seed_tmx_imports_in_small_chunks_and_creates_the_memory()
    {
        var response = await ImportAsync("seed", await File.ReadAllBytesAsync(Seeds.Tmx), chunkSize: 333, source: "tg", target: "en");

        Assert.True(response.MemoryCreated);
        Assert.Equal(Seeds.UnitCount, response.Read);
        Assert.Equal(Seeds.UnitCount, response.Added);
        Assert.Equal(0, response.RejectedCount);
        Assert.Equal(Seeds.UnitCount, (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "seed" })).UnitCount);
    }

    [Fact]
    public async Task Export_then_import_gives_identical_units()
    {
        await ImportAsync("seed", await File.ReadAllBytesAsync(Seeds.Tmx), source: "tg", target: "en");

        var exported = await ExportAsync("seed");
        await ImportAsync("copy", exported, source: "tg", target: "en");

        var original = await ListAllAsync("seed");
        var copy = await ListAllAsync("copy");
        Assert.Equal(original.Count, copy.Count);
        for (var i = 0; i < original.Count; i++)
        {
            var expected = original[i].Clone();
            expected.Id = copy[i].Id;
            Assert.Equal(expected, copy[i]);
        }
    }

    [Fact]
    public async Task Importing_the_same_file_twice_updates_instead_of_duplicating()
    {
        var bytes = await File.ReadAllBytesAsync(Seeds.Tmx);
        await ImportAsync("seed", bytes, source: "tg", target: "en");

        var second = await ImportAsync("seed", bytes);

        Assert.Equal(0, second.Added);
        Assert.Equal(Seeds.UnitCount, second.Updated);
        Assert.Equal(Seeds.UnitCount, (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "seed" })).UnitCount);
    }

    [Fact]
    public async Task Malformed_tmx_is_refused_with_its_line_and_leaves_the_memory_as_it_was()
    {
        await ImportAsync("seed", await File.ReadAllBytesAsync(Seeds.Tmx), source: "tg", target: "en");
        var broken = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n" +
            "<tu><tuv xml:lang=\"tg\"><seg>Нав.</seg></tuv><tuv xml:lang=\"en\"><seg>New.</seg></tuv></tu>\n" +
            "<tu><tuv xml:lang=\"tg\"><seg>Шикаста</tuv></tu>\n</body></tmx>");

        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () => await ImportAsync("seed", broken));

        Assert.Contains("line 5", exception.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(Seeds.UnitCount, (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "seed" })).UnitCount);
    }

    [Fact]
    public async Task Failed_import_into_a_new_memory_leaves_no_memory_behind()
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await ImportAsync("fresh", Encoding.UTF8.GetBytes("<tmx version=\"1.4\"><body><tu>"), source: "tg", target: "en"));

        Assert.Contains("line", exception.Status.Detail, StringComparison.Ordinal);
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () => await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "fresh" }));
    }

    [Fact]
    public async Task Skip_invalid_imports_the_valid_units_and_reports_the_rest()
    {
        var tmx = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n" +
            "<tu><tuv xml:lang=\"tg\"><seg>Як.</seg></tuv><tuv xml:lang=\"en\"><seg>One.</seg></tuv></tu>\n" +
            "<tu><tuv xml:lang=\"tg\"><seg>Ду.</seg></tuv></tu>\n" +
            "<tu><tuv xml:lang=\"tg\"><seg>Се.</seg></tuv><tuv xml:lang=\"en\"><seg>Three.</seg></tuv></tu>\n</body></tmx>");

        var strict = await Assert.ThrowsAsync<RpcException>(async () => await ImportAsync("n", tmx, source: "tg", target: "en"));
        var lenient = await ImportAsync("n", tmx, source: "tg", target: "en", skipInvalid: true);

        Assert.Equal(StatusCode.InvalidArgument, strict.StatusCode);
        Assert.Equal(2, lenient.Added);
        Assert.Equal(1, lenient.RejectedCount);
        Assert.Equal(5, lenient.Rejected[0].Line);
        Assert.Contains("en", lenient.Rejected[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_cancelled_mid_file_leaves_the_memory_as_it_was()
    {
        await ImportAsync("seed", await File.ReadAllBytesAsync(Seeds.Tmx), source: "tg", target: "en");
        var builder = new StringBuilder("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/><body>\n");
        for (var i = 0; i < 5_000; i++)
        {
            builder.Append("<tu><tuv xml:lang=\"tg\"><seg>Ҷумлаи рақами ").Append(i).Append(".</seg></tuv><tuv xml:lang=\"en\"><seg>Sentence number ").Append(i).Append(".</seg></tuv></tu>\n");
        }

        using var cancel = new CancellationTokenSource();
        using var call = _app.Tmx.ImportTmx(cancellationToken: cancel.Token);
        await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = "seed", Data = ByteString.CopyFromUtf8(builder.ToString()) });

        // The file never ends: the server has read thousands of units when the client gives up.
        await Task.Delay(500);
        await cancel.CancelAsync();

        var exception = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.Cancelled, exception.StatusCode);
        await WaitForUnitCountAsync("seed", Seeds.UnitCount);
    }

    [Fact]
    public async Task Import_into_a_missing_memory_without_languages_names_the_field()
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await ImportAsync("nowhere", await File.ReadAllBytesAsync(Seeds.Tmx)));

        Assert.Contains("source_language", GrpcAssert.BadFields(exception));
    }

    [Fact]
    public async Task Import_errors_name_the_proto_fields_of_the_request()
    {
        var noName = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await ImportAsync(string.Empty, await File.ReadAllBytesAsync(Seeds.Tmx), source: "tg", target: "en"));
        const string BadUnit = """
            <?xml version="1.0"?>
            <tmx version="1.4"><header srclang="tg" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
            <tu><tuv xml:lang="tg"><seg>Танҳо як тараф.</seg></tuv></tu>
            </body></tmx>
            """;
        var badUnit = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await ImportAsync("fresh", Encoding.UTF8.GetBytes(BadUnit), source: "tg", target: "en"));

        Assert.Equal(["memory"], GrpcAssert.BadFields(noName));
        Assert.Equal(["data"], GrpcAssert.BadFields(badUnit));
        Assert.StartsWith("data: ", badUnit.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exporting_a_missing_memory_is_NotFound()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () => await ExportAsync("nowhere"));
    }

    private async Task<ImportTmxResponse> ImportAsync(string memory, byte[] data, int chunkSize = 64 * 1024, string source = "", string target = "", bool skipInvalid = false)
    {
        using var call = _app.Tmx.ImportTmx();
        await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = memory, SourceLanguage = source, TargetLanguage = target, SkipInvalid = skipInvalid });
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            await call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(data, offset, Math.Min(chunkSize, data.Length - offset)) });
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    /// <summary>The server finishes rolling back after the client has seen the cancellation.</summary>
    private async Task WaitForUnitCountAsync(string memory, long expected)
    {
        long count = -1;
        for (var attempt = 0; attempt < 100 && count != expected; attempt++)
        {
            await Task.Delay(50);
            count = (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = memory })).UnitCount;
        }

        Assert.Equal(expected, count);
    }

    private async Task<byte[]> ExportAsync(string memory)
    {
        using var call = _app.Tmx.ExportTmx(new ExportTmxRequest { Memory = memory, ChunkSize = 4096 });
        using var buffer = new MemoryStream();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            call.ResponseStream.Current.Data.WriteTo(buffer);
        }

        return buffer.ToArray();
    }

    private async Task<List<TranslationUnit>> ListAllAsync(string memory)
    {
        var page = await _app.Units.ListUnitsAsync(new ListUnitsRequest { Memory = memory, PageSize = 1000 });
        return [.. page.Units];
    }
}
