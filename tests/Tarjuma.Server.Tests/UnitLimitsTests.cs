using Grpc.Core;
using Grpc.Net.Client;
using Tarjuma.Core.Model;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

/// <summary>Issue #11 item 3: the API enforces the limits a TMX import does, and no stored unit makes a response unsendable.</summary>
public sealed class UnitLimitsTests : IDisposable
{
    /// <summary>Three UTF-8 bytes per character: the worst case for the wire size of a given length.</summary>
    private const char Wide = '中';

    private readonly TarjumaApplication _app = new();

    public UnitLimitsTests() =>
        _app.Memories.CreateMemory(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, Action<Protos.V1.TranslationUnit>> Oversized() => new()
    {
        { "unit.external_id", u => u.ExternalId = new string('x', UnitLimits.MaxIdentifierLength + 1) },
        { "unit.created_by", u => u.CreatedBy = new string('x', UnitLimits.MaxIdentifierLength + 1) },
        { "unit.properties[1].type", u => u.Properties.Add(new Property { Type = new string('x', UnitLimits.MaxIdentifierLength + 1), Value = "v" }) },
        { "unit.properties[1].value", u => u.Properties.Add(new Property { Type = "x-big", Value = new string('x', UnitLimits.MaxMetadataLength + 1) }) },
        { "unit.notes[0].text", u => u.Notes.Add(new Note { Text = new string('x', UnitLimits.MaxMetadataLength + 1) }) },
        { "unit.previous_source", u => u.PreviousSource = new string('x', UnitLimits.MaxMetadataLength + 1) },
        {
            "unit.properties", u =>
            {
                u.Notes.Add(new Note { Text = new string('x', UnitLimits.MaxMetadataLength) });
                u.NextSource = new string('x', UnitLimits.MaxMetadataLength);
            }
        },
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task Add_and_update_refuse_an_oversized_field_by_name_and_store_nothing(string field, Action<Protos.V1.TranslationUnit> grow)
    {
        var unit = Units.Pair("Китоб.", "Book.");
        unit.Properties.Add(new Property { Type = "x-domain", Value = "news" });
        grow(unit);

        var refused = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () => await _app.Units.AddUnitAsync(new AddUnitRequest
        {
            Memory = "news",
            Unit = unit
        }));
        Assert.Equal([field], GrpcAssert.BadFields(refused));
        Assert.Contains("over the limit", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" })).UnitCount);

        var added = await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Китоб.", "Book.") });
        var stored = await _app.Units.GetUnitAsync(new GetUnitRequest { Memory = "news", Id = added.Id });
        unit.Id = stored.Id;
        var updated = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () => await _app.Units.UpdateUnitAsync(new UpdateUnitRequest
        {
            Memory =
            "news",
            Unit = unit
        }));
        Assert.Equal([field], GrpcAssert.BadFields(updated));
        Assert.Equal(stored, await _app.Units.GetUnitAsync(new GetUnitRequest { Memory = "news", Id = stored.Id }));
    }

    [Fact]
    public async Task Worst_unit_the_limits_allow_fits_a_lookup_response_to_a_default_client()
    {
        var source = new string(Wide, UnitLimits.MaxSegmentLength);
        var id = new string(Wide, UnitLimits.MaxIdentifierLength);
        var unit = new Protos.V1.TranslationUnit
        {
            Source = new Segment { Text = source },
            Target = new Segment { Text = new string(Wide, UnitLimits.MaxSegmentLength - 1) + "." },
            ExternalId = id,
            CreatedBy = id,
            ChangedBy = id,

            // Context, props and notes fill the per-unit total exactly.
            PreviousSource = new string(Wide, UnitLimits.MaxMetadataLength / 2),
            NextSource = new string(Wide, UnitLimits.MaxMetadataLength / 2),
        };
        var left = UnitLimits.MaxMetadataPerUnit - UnitLimits.MaxMetadataLength - (2 * UnitLimits.MaxIdentifierLength);
        unit.Properties.Add(new Property { Type = id, Language = id, Value = new string(Wide, left) });
        await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = unit });

        // A client with gRPC's default 4 MiB receive limit, not the tests' 16 MiB.
        using var channel = GrpcChannel.ForAddress(_app.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _app.Server.CreateHandler() });
        var response = await new LookupService.LookupServiceClient(channel).LookupAsync(new LookupRequest { Memory = "news", Text = source });

        var match = Assert.Single(response.Matches);
        Assert.Equal(100, match.Score);
        Assert.Equal(unit.Properties[0].Value, match.Unit.Properties.Single().Value);
        Assert.InRange(response.CalculateSize(), 1_000_000, 4 * 1024 * 1024 / 2);
    }
}
