using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Tests;

/// <summary>Each limit of <c>Tarjuma:Limits</c>, set small, refuses what is over it with a clear error.</summary>
public sealed class LimitsTests : IDisposable
{
    private readonly TarjumaApplication _app = new(new Dictionary<string, string?>
    {
        ["Tarjuma:Limits:MaxSegmentLength"] = "40",
        ["Tarjuma:Limits:MaxBatchSize"] = "2",
        ["Tarjuma:Limits:MaxDocumentLength"] = "60",
        ["Tarjuma:Limits:MaxTmxBytes"] = "300",
        ["Tarjuma:Limits:MaxResults"] = "3",
        ["Tarjuma:Limits:MaxMessageBytes"] = "4096",
    });

    public LimitsTests() =>
        _app.Memories.CreateMemory(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Segment_over_the_limit_names_the_field_and_the_setting()
    {
        var unit = Units.Pair(string.Concat(Enumerable.Repeat("Китоб. ", 10)), "Books.");

        var error = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () => await _app.Units.AddUnitAsync(new AddUnitRequest
        {
            Memory = "news",
            Unit = unit
        }));

        Assert.Equal(["unit.source.text"], GrpcAssert.BadFields(error));
        Assert.Contains("Tarjuma:Limits:MaxSegmentLength", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_with_more_units_than_the_batch_size_adds_none()
    {
        using var call = _app.Units.AddUnits();
        try
        {
            foreach (var (tg, en) in new[] { ("Як.", "One."), ("Ду.", "Two."), ("Се.", "Three.") })
            {
                await call.RequestStream.WriteAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair(tg, en) });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException)
        {
            // The server may end the call before the last write.
        }

        var error = await GrpcAssert.FailsWith(StatusCode.ResourceExhausted, async () => await call.ResponseAsync);
        Assert.Contains("MaxBatchSize", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" })).UnitCount);
    }

    [Fact]
    public async Task Document_over_the_limit_is_refused()
    {
        var error = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await new SegmentationService.SegmentationServiceClient(_app.Channel).SegmentAsync(new SegmentRequest
            {
                Text = string.Concat(Enumerable
                .Repeat("Ин ҷумла аст. ", 10)),
                Language = "tg"
            }));

        Assert.Equal(["text"], GrpcAssert.BadFields(error));
    }

    [Fact]
    public async Task Tmx_over_the_byte_limit_is_refused_and_imports_nothing()
    {
        var tmx = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
            + "o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n" +
            string.Concat(Enumerable.Repeat("<tu><tuv xml:lang=\"tg\"><seg>Китоб.</seg></tuv><tuv xml:lang=\"en\"><seg>A book.</seg></tuv></tu>\n",
                5)) + "</body></tmx>";
        var bytes = Encoding.UTF8.GetBytes(tmx);
        using var call = _app.Tmx.ImportTmx();
        try
        {
            await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = "news" });
            for (var offset = 0; offset < bytes.Length; offset += 100)
            {
                await call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(bytes, offset, Math.Min(100, bytes.Length - offset)) });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException)
        {
        }

        var error = await GrpcAssert.FailsWith(StatusCode.ResourceExhausted, async () => await call.ResponseAsync);
        Assert.Contains("MaxTmxBytes", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" })).UnitCount);
    }

    [Fact]
    public async Task Asking_for_more_results_than_allowed_is_refused()
    {
        var error = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Китоб.", MaxResults = 4 }));

        Assert.Equal(["max_results"], GrpcAssert.BadFields(error));
    }

    [Fact]
    public async Task Message_over_the_size_limit_is_refused()
    {
        var unit = Units.Pair("Китоб.", "A book.");
        unit.Notes.Add(new Note { Text = new string('x', 5000) });

        var error = await GrpcAssert.FailsWith(StatusCode.ResourceExhausted, async () => await _app.Units.AddUnitAsync(new AddUnitRequest
        {
            Memory = "news",
            Unit = unit
        }));

        Assert.StartsWith("a message is larger than the limit of 4096 bytes (setting Tarjuma:Limits:MaxMessageBytes)", error.Status.Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var limits = new TarjumaLimits();

        Assert.Equal((16 * 1024 * 1024, 100_000, 100_000, 1 << 20, 1L << 30, 50), (limits.MaxMessageBytes, limits.MaxSegmentLength, limits.MaxBatchSize,
            limits.MaxDocumentLength, limits.MaxTmxBytes, limits.MaxResults));
    }
}
