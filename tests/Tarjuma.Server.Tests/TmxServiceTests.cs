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
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                + "o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n" +
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
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                + "o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n" +
            "<tu><tuv xml:lang=\"tg\"><seg>Як.</seg></tuv><tuv xml:lang=\"en\"><seg>One.</seg></tuv></tu>\n" +
            "<tu><tuv xml:lang=\"tg\"><seg>Ду.</seg></tuv><tuv xml:lang=\"en\"><seg> </seg></tuv></tu>\n" +
            "<tu><tuv xml:lang=\"tg\"><seg>Се.</seg></tuv><tuv xml:lang=\"en\"><seg>Three.</seg></tuv></tu>\n</body></tmx>");

        var strict = await Assert.ThrowsAsync<RpcException>(async () => await ImportAsync("n", tmx, source: "tg", target: "en"));
        var lenient = await ImportAsync("n", tmx, source: "tg", target: "en", skipInvalid: true);

        Assert.Equal(StatusCode.InvalidArgument, strict.StatusCode);
        Assert.Equal(2, lenient.Added);
        Assert.Equal(1, lenient.RejectedCount);
        Assert.Equal(5, lenient.Rejected[0].Line);
        Assert.Contains("empty target segment", lenient.Rejected[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multilingual_file_imports_the_units_with_both_languages_and_counts_the_rest_as_skipped()
    {
        // LISA ImportTest1K's shape, in our own sentences: header de-de, units in de, en, fr; one without de.
        var tmx = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"fr-fr\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                + "o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n" +
            "<tu><tuv xml:lang=\"fr-fr\"><seg>Un.</seg></tuv><tuv xml:lang=\"de-de\"><seg>Eins.</seg></tuv><tuv "
                + "xml:lang=\"en-gb\"><seg>One.</seg></tuv></tu>\n" +
            "<tu><tuv xml:lang=\"fr-fr\"><seg>Deux.</seg></tuv><tuv xml:lang=\"en-gb\"><seg>Two.</seg></tuv></tu>\n" +
            "<tu><tuv xml:lang=\"de-de\"><seg>Drei.</seg></tuv><tuv xml:lang=\"en-gb\"><seg>Three.</seg></tuv></tu>\n</body></tmx>");

        var response = await ImportAsync("trains", tmx, source: "de-DE", target: "en-GB");

        Assert.Equal((3L, 2L, 0L, 1L), (response.Read, response.Added, response.RejectedCount, response.SkippedCount));
        var skipped = Assert.Single(response.Skipped);
        Assert.Equal(("without de-DE", 1L), (skipped.Reason, skipped.Count));

        // A file with no unit in the pair is still refused.
        var none = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () => await ImportAsync("trains-it", tmx, source: "de-DE", target: "it-IT"));
        Assert.Contains("no <tu> has both de-DE and it-IT", none.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reversed_import_gives_in_context_matches_for_the_memory_source_and_exports_its_context()
    {
        // A tg→en file: Tajik context on the tu, English context on the English tuv.
        var tmx = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                + "o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n" +
            "<tu><prop type=\"x-context-prev\">Имрӯз якшанбе аст.</prop><prop type=\"x-context-next\">Мо ба боғ меравем.</prop>" +
            "<tuv xml:lang=\"tg\"><seg>Ҳаво гарм аст.</seg></tuv>" +
            "<tuv xml:lang=\"en\"><prop type=\"x-context-prev\">Today is Sunday.</prop><prop type=\"x-context-next\">We are going to the garden.</prop>" +
            "<seg>The weather is warm.</seg></tuv></tu>\n</body></tmx>");
        await ImportAsync("en-tg", tmx, source: "en", target: "tg");

        var lookup = await _app.Lookup.LookupAsync(new LookupRequest
        {
            Memory = "en-tg",
            Text = "The weather is warm.",
            PreviousText = "Today is Sunday.",
            NextText = "We are going to the garden.",
        });

        Assert.Equal(101, lookup.Matches[0].Score);
        var exported = Encoding.UTF8.GetString(await ExportAsync("en-tg"));
        Assert.Contains("<prop type=\"x-context-prev\" xml:lang=\"en\">Today is Sunday.</prop>", exported, StringComparison.Ordinal);
        Assert.Contains("<prop type=\"x-context-next\" xml:lang=\"en\">We are going to the garden.</prop>", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("якшанбе", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_cancelled_mid_file_leaves_the_memory_as_it_was()
    {
        await ImportAsync("seed", await File.ReadAllBytesAsync(Seeds.Tmx), source: "tg", target: "en");
        var builder =
            new StringBuilder(
                "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                    + "o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/><body>\n");
        for (var i = 0; i < 5_000; i++)
        {
            builder.Append("<tu><tuv xml:lang=\"tg\"><seg>Ҷумлаи рақами ").Append(i).Append(".</seg></tuv><tuv xml:lang=\"en\"><seg>Sentence number ").Append(i)
                .Append(".</seg></tuv></tu>\n");
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
            <tmx version="1.4"><header srclang="tg" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x"
                creationtoolversion="1"/><body>
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

    private async Task<ImportTmxResponse> ImportAsync(string memory, byte[] data, int chunkSize = 64 * 1024, string source = "", string target = "",
        bool skipInvalid = false)
    {
        using var call = _app.Tmx.ImportTmx();
        await call.RequestStream.WriteAsync(new ImportTmxRequest
        {
            Memory = memory,
            SourceLanguage = source,
            TargetLanguage = target,
            SkipInvalid = skipInvalid
        });
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
