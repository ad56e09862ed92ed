using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

public sealed class UnitServiceTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public UnitServiceTests() =>
        _app.Memories.CreateMemory(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Added_unit_reads_back_with_metadata_and_markup()
    {
        var unit = Units.Pair("Президент ба Душанбе омад.", "The President arrived in Dushanbe.");
        unit.Target.Tags.Add(new InlineTag { Kind = InlineTag.Types.Kind.Begin, Position = 4, Xml = "<bpt i=\"1\">&lt;b&gt;</bpt>" });
        unit.Target.Tags.Add(new InlineTag { Kind = InlineTag.Types.Kind.End, Position = 13, Xml = "<ept i=\"1\">&lt;/b&gt;</ept>" });
        unit.Properties.Add(new Property { Type = "x-domain", Value = "news" });
        unit.Notes.Add(new Note { Text = "checked" });
        unit.PreviousSource = "Имрӯз.";

        var added = await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = unit, User = "firuza" });
        var read = await _app.Units.GetUnitAsync(new GetUnitRequest { Memory = "news", Id = added.Id });

        Assert.Equal(WriteOutcome.Added, added.Outcome);
        Assert.Equal(unit.Source, read.Source);
        Assert.Equal(unit.Target, read.Target);
        Assert.Equal(unit.Properties, read.Properties);
        Assert.Equal(unit.Notes, read.Notes);
        Assert.Equal("Имрӯз.", read.PreviousSource);
        Assert.Equal("firuza", read.CreatedBy);
        Assert.NotNull(read.CreatedAt);
    }

    [Fact]
    public async Task Same_pair_twice_is_one_unit_and_another_translation_is_a_second_unit()
    {
        var first = await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Хуш омадед!", "Welcome!") });
        var again = await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Хуш омадед!", "Welcome!") });
        var other = await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Хуш омадед!", "You are welcome!") });

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(WriteOutcome.Updated, again.Outcome);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(2, (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" })).UnitCount);
    }

    [Fact]
    public async Task Decomposed_tajik_letters_are_stored_as_NFC()
    {
        // "Тоҷикистони азизӣ" with ӣ typed as и + U+0304 COMBINING MACRON.
        var added = await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Ватани азизи\u0304 мо.", "Our dear homeland.") });

        var read = await _app.Units.GetUnitAsync(new GetUnitRequest { Memory = "news", Id = added.Id });

        Assert.Equal("Ватани азизӣ мо.", read.Source.Text);
    }

    [Fact]
    public async Task Updated_unit_keeps_its_creation_and_changes_its_text()
    {
        var added = await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Рӯзи хуш!", "Good dya!"), User = "a" });
        var change = Units.Pair("Рӯзи хуш!", "Good day!");
        change.Id = added.Id;

        var updated = await _app.Units.UpdateUnitAsync(new UpdateUnitRequest { Memory = "news", Unit = change, User = "b" });

        Assert.Equal("Good day!", updated.Target.Text);
        Assert.Equal("a", updated.CreatedBy);
        Assert.Equal("b", updated.ChangedBy);
    }

    [Fact]
    public async Task Deleted_unit_is_NotFound()
    {
        var added = await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Хайр.", "Goodbye.") });

        await _app.Units.DeleteUnitAsync(new DeleteUnitRequest { Memory = "news", Id = added.Id });

        await GrpcAssert.FailsWith(StatusCode.NotFound, async () => await _app.Units.GetUnitAsync(new GetUnitRequest { Memory = "news", Id = added.Id }));
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () => await _app.Units.DeleteUnitAsync(new DeleteUnitRequest { Memory = "news", Id = added.Id }));
    }

    [Fact]
    public async Task Units_are_paged_in_id_order_without_gaps_or_repeats()
    {
        using (var call = _app.Units.AddUnits())
        {
            for (var i = 0; i < 25; i++)
            {
                await call.RequestStream.WriteAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair($"Ҷумлаи {i}.", $"Sentence {i}.") });
            }

            await call.RequestStream.CompleteAsync();
            var response = await call;
            Assert.Equal(25, response.Added);
        }

        var seen = new List<long>();
        var token = string.Empty;
        do
        {
            var page = await _app.Units.ListUnitsAsync(new ListUnitsRequest { Memory = "news", PageSize = 10, PageToken = token });
            Assert.True(page.Units.Count <= 10);
            seen.AddRange(page.Units.Select(u => u.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(25, seen.Count);
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(25, seen.Distinct().Count());
    }

    [Fact]
    public async Task AddUnits_with_an_invalid_unit_adds_nothing()
    {
        using var call = _app.Units.AddUnits();
        await call.RequestStream.WriteAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Як.", "One.") });
        await call.RequestStream.WriteAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Ду.", string.Empty) });
        await call.RequestStream.CompleteAsync();

        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () => await call);

        Assert.Contains("message 2", exception.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" })).UnitCount);
    }

    [Theory]
    [InlineData(0, "id")]
    [InlineData(-5, "id")]
    public async Task Invalid_unit_id_names_the_field(long id, string field)
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await _app.Units.GetUnitAsync(new GetUnitRequest { Memory = "news", Id = id }));

        Assert.Contains(field, GrpcAssert.BadFields(exception));
    }

    [Fact]
    public async Task Unit_in_a_missing_memory_is_NotFound()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () =>
            await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "nowhere", Unit = Units.Pair("Як.", "One.") }));
    }
}
