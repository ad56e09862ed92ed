using System.Text;
using System.Xml.Linq;
using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

/// <summary>PretranslateXliff (client stream in, server stream out) and Analyze on an XLIFF file.</summary>
public sealed class XliffServiceTests : IDisposable
{
    private static readonly XNamespace X20 = "urn:oasis:names:tc:xliff:document:2.0";
    private static readonly XNamespace Mtc = "urn:oasis:names:tc:xliff:matches:2.0";

    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    private DocumentService.DocumentServiceClient Documents => new(_app.Channel);

    private static byte[] Document(string units) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="tg" trgLang="en">
          <file id="f1">
        {units}
          </file>
        </xliff>
        """);

    [Fact]
    public async Task The_file_streams_in_and_the_leveraged_file_streams_back_with_a_summary()
    {
        await ImportSeedAsync();
        var input = Document($"""
                <unit id="u1"><segment id="s1"><source>{Seeds.FirstTajikSentence}</source></segment></unit>
                <unit id="u2"><segment id="s1"><source>Ин ҷумла дар хотира нест.</source></segment></unit>
            """);

        var (output, summary, chunks) = await PretranslateAsync(input, chunkSize: 100);

        Assert.True(chunks > 1);
        var document = XDocument.Parse(Encoding.UTF8.GetString(output));
        var segment = document.Descendants(X20 + "segment").First();
        Assert.Equal(Seeds.FirstEnglishSentence, segment.Element(X20 + "target")!.Value);
        Assert.Equal("Tarjuma:seed", (string?)document.Descendants(Mtc + "match").Single().Attribute("origin"));
        Assert.Equal("2.0", summary.Version);
        Assert.Equal(2, summary.Segments);
        Assert.Equal(1, summary.FilledSegments);
        Assert.Equal(1, summary.Filled.Single(b => b.Name == "100").Segments);
        Assert.Equal(1, summary.Best.Single(b => b.Name == "no-match").Segments);
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_line_and_column_before_any_chunk()
    {
        await ImportSeedAsync();
        var input = Document("""<unit id="u1"><segment><source>Як.</segment></unit>""");

        var chunks = 0;
        var error = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () => (_, _, chunks) = await PretranslateAsync(input));

        Assert.Contains("line 4, column", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("file", GrpcAssert.BadFields(error));
        Assert.Equal(0, chunks);
    }

    [Fact]
    public async Task A_missing_memory_is_not_found()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => PretranslateAsync(Document(string.Empty), memory: "absent"));
    }

    [Fact]
    public async Task Analyze_reads_the_segments_of_an_xliff_file()
    {
        await ImportSeedAsync();
        var input = Document($"""
                <unit id="u1"><segment><source>{Seeds.FirstTajikSentence}</source></segment><segment><source>Ин ҷумла дар хотира нест.</source></segment></unit>
                <unit id="u2" translate="no"><segment><source>Ин ҷумла тарҷума намешавад.</source></segment></unit>
            """);

        var response = await Documents.AnalyzeAsync(new DocumentRequest { Memory = "seed", Xliff = ByteString.CopyFrom(input) });

        Assert.Equal(2, response.Total.Segments);
        Assert.Equal(1, response.Bands.Single(b => b.Name == "100").Segments);
        Assert.Equal(1, response.Bands.Single(b => b.Name == "no-match").Segments);
    }

    private async Task<(byte[] Output, XliffSummary Summary, int Chunks)> PretranslateAsync(byte[] input, int chunkSize = 0, string memory = "seed")
    {
        using var call = Documents.PretranslateXliff();
        await call.RequestStream.WriteAsync(new PretranslateXliffRequest { Memory = memory, ChunkSize = chunkSize == 0 ? 0 : 1024 });
        for (var offset = 0; offset < input.Length; offset += 100)
        {
            await call.RequestStream.WriteAsync(new PretranslateXliffRequest
            {
                Data = ByteString.CopyFrom(input, offset, Math.Min(100,
                input.Length - offset))
            });
        }

        await call.RequestStream.CompleteAsync();
        using var output = new MemoryStream();
        var chunks = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var message = call.ResponseStream.Current;
            if (message.Summary is { } summary)
            {
                return (output.ToArray(), summary, chunks);
            }

            chunks++;
            output.Write(message.Data.Span);
        }

        throw new InvalidOperationException("no summary");
    }

    private async Task ImportSeedAsync()
    {
        using var call = _app.Tmx.ImportTmx();
        await call.RequestStream.WriteAsync(new ImportTmxRequest
        {
            Memory = "seed",
            SourceLanguage = "tg",
            TargetLanguage = "en",
            Data = ByteString.CopyFrom(await File.ReadAllBytesAsync(Seeds.Tmx))
        });
        await call.RequestStream.CompleteAsync();
        await call;
    }
}
