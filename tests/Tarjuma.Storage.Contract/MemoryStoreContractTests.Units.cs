using System.Collections.Immutable;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Contract;

/// <summary>Units: writing, duplicates, reading, paging, exact lookup, usage, statistics.</summary>
public abstract partial class MemoryStoreContractTests
{
    private static readonly ImmutableArray<InlineTag> BoldTags =
    [
        new(InlineTagKind.Begin, 0, "<bpt i=\"1\">&lt;b&gt;</bpt>"),
        new(InlineTagKind.End, 5, "<ept i=\"1\">&lt;/b&gt;</ept>"),
        new(InlineTagKind.Placeholder, 12, "<ph x=\"2\">&lt;br/&gt;</ph>"),
    ];

    [SkippableFact]
    public async Task Added_unit_reads_back_with_every_field()
    {
        await Store.CreateMemoryAsync(Memory());
        var unit = new TranslationUnit
        {
            Source = new SegmentText("Салом, дунё!", BoldTags),
            Target = new SegmentText("Hello, world!", [new(InlineTagKind.Begin, 0, "<bpt i=\"1\">&lt;b&gt;</bpt>"), new(InlineTagKind.End, 5,
                "<ept i=\"1\">&lt;/b&gt;</ept>"), new(InlineTagKind.Isolated, 13, "<it pos=\"begin\">&lt;i&gt;</it>")]),
            PreviousSource = "Рӯзи хуш!",
            NextSource = "Хайр.",
            ExternalId = "tu-42",
            Properties = [new UnitProperty("x-domain", "ҳуқуқ", "tg"), new UnitProperty("x-client", "Acme")],
            Notes = [new UnitNote("Checked by the editor.", "en"), new UnitNote("Бе забон")],
            CreatedBy = "nigora",
            CreatedAt = Date(2021, 3, 4),
            ChangedBy = "farrukh",
            ChangedAt = new DateTimeOffset(2022, 5, 6, 7, 8, 9, TimeSpan.FromHours(5)).AddTicks(1234567),
            UsageCount = 7,
            LastUsedAt = Date(2023, 1, 2),
        };

        var results = await Store.AddUnitsAsync("tg-en", [unit]);

        Assert.Equal(UnitWriteOutcome.Added, Assert.Single(results).Outcome);
        Assert.True(results[0].Id > 0);
        var stored = await Store.FindUnitAsync("tg-en", results[0].Id);
        Assert.Equal(unit with { Id = results[0].Id }, stored);
        Assert.Equal(1, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [SkippableFact]
    public async Task Unit_without_creation_date_is_stamped_when_added()
    {
        await Store.CreateMemoryAsync(Memory());
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var id = await AddAsync(Pairs[0].Source, Pairs[0].Target);

        var created = (await Store.FindUnitAsync("tg-en", id))!.CreatedAt;
        Assert.NotNull(created);
        Assert.InRange(created.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [SkippableFact]
    public async Task Same_source_and_target_again_updates_the_stored_unit()
    {
        await Store.CreateMemoryAsync(Memory());
        var first = await Store.AddUnitsAsync("tg-en", [Unit(Pairs[0].Source, Pairs[0].Target)]);

        var second = await Store.AddUnitsAsync("tg-en", [Unit(Pairs[0].Source, Pairs[0].Target), Unit(Pairs[0].Source, Pairs[0].Target)]);

        Assert.All(second, r => Assert.Equal(new UnitWriteResult(first[0].Id, UnitWriteOutcome.Updated), r));
        Assert.Single(await AllUnitsAsync());
        Assert.Equal(1, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [SkippableFact]
    public async Task Duplicate_merges_metadata()
    {
        await Store.CreateMemoryAsync(Memory());
        var original = Unit(Pairs[1].Source, Pairs[1].Target) with
        {
            Properties = [new UnitProperty("x-domain", "law"), new UnitProperty("x-project", "P1")],
            Notes = [new UnitNote("first note")],
            ExternalId = "a-1",
            CreatedBy = "nigora",
            CreatedAt = Date(2020, 1, 1),
            ChangedBy = "nigora",
            ChangedAt = Date(2021, 1, 1),
            UsageCount = 3,
            LastUsedAt = Date(2021, 6, 1),
        };
        var id = (await Store.AddUnitsAsync("tg-en", [original]))[0].Id;

        await Store.AddUnitsAsync("tg-en", [Unit(Pairs[1].Source, Pairs[1].Target) with
        {
            Properties = [new UnitProperty("x-domain", "medicine"), new UnitProperty("x-client", "Acme")],
            Notes = [new UnitNote("first note"), new UnitNote("second note")],
            CreatedBy = "farrukh",
            CreatedAt = Date(2022, 1, 1),
            ChangedBy = "farrukh",
            ChangedAt = Date(2024, 1, 1),
            UsageCount = 1,
            LastUsedAt = Date(2024, 2, 1),
        }]);

        var merged = (await Store.FindUnitAsync("tg-en", id))!;
        Assert.Equal<UnitProperty>([new UnitProperty("x-project", "P1"), new UnitProperty("x-domain", "medicine"), new UnitProperty("x-client", "Acme")],
            merged.Properties);
        Assert.Equal<UnitNote>([new UnitNote("first note"), new UnitNote("second note")], merged.Notes);
        Assert.Equal("a-1", merged.ExternalId);
        Assert.Equal(("nigora", Date(2020, 1, 1)), (merged.CreatedBy, merged.CreatedAt!.Value));
        Assert.Equal(("farrukh", Date(2024, 1, 1)), (merged.ChangedBy, merged.ChangedAt!.Value));
        Assert.Equal(3, merged.UsageCount);
        Assert.Equal(Date(2024, 2, 1), merged.LastUsedAt);
    }

    [SkippableFact]
    public async Task Same_source_with_another_target_is_a_second_unit()
    {
        await Store.CreateMemoryAsync(Memory());

        var results = await Store.AddUnitsAsync("tg-en", [Unit("Салом, дунё!", "Hello, world!"), Unit("Салом, дунё!", "Hi, world!")]);

        Assert.All(results, r => Assert.Equal(UnitWriteOutcome.Added, r.Outcome));
        Assert.NotEqual(results[0].Id, results[1].Id);
        var matches = await Store.FindExactAsync("tg-en", MemorySide.Source, "Салом, дунё!");
        Assert.Equal(["Hello, world!", "Hi, world!"], matches.Select(u => u.Target.Text));
    }

    [SkippableFact]
    public async Task Same_text_with_other_tags_is_a_second_unit()
    {
        await Store.CreateMemoryAsync(Memory());
        var plain = Unit("Салом, дунё!", "Hello, world!");
        var tagged = plain with { Source = new SegmentText("Салом, дунё!", BoldTags) };

        var results = await Store.AddUnitsAsync("tg-en", [plain, tagged, tagged]);

        Assert.Equal([UnitWriteOutcome.Added, UnitWriteOutcome.Added, UnitWriteOutcome.Updated], results.Select(r => r.Outcome));
        Assert.Equal<InlineTag>(BoldTags, (await Store.FindUnitAsync("tg-en", results[1].Id))!.Source.Tags);
        Assert.Empty((await Store.FindUnitAsync("tg-en", results[0].Id))!.Source.Tags);
    }

    [SkippableTheory]
    [InlineData("", "Hello.", "unit.source")]
    [InlineData("Салом.", "", "unit.target")]
    [InlineData("   ", "Hello.", "unit.source")]
    [InlineData("Салом.", " \t", "unit.target")]
    public async Task Empty_text_is_rejected_and_the_whole_call_writes_nothing(string source, string target, string field)
    {
        await Store.CreateMemoryAsync(Memory());

        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.AddUnitsAsync("tg-en", [Unit(Pairs[0].Source, Pairs[0].Target), Unit(source, target)]),
            field);

        Assert.Empty(await AllUnitsAsync());
        Assert.Equal(0, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [SkippableFact]
    public async Task Decomposed_tajik_letters_equal_their_composed_form()
    {
        await Store.CreateMemoryAsync(Memory());
        const string Composed = "Шумо чӣ ном доред?";
        var decomposed = "Шумо чи\u0304 ном доред?";
        Assert.NotEqual(Composed, decomposed);

        var added = await Store.AddUnitsAsync("tg-en", [new TranslationUnit { Source = new SegmentText(decomposed),
            Target = new SegmentText("What is your name?") }]);
        var again = await Store.AddUnitsAsync("tg-en", [Unit(Composed, "What is your name?")]);

        Assert.Equal(new UnitWriteResult(added[0].Id, UnitWriteOutcome.Updated), again[0]);
        Assert.Equal(Composed, (await Store.FindUnitAsync("tg-en", added[0].Id))!.Source.Text);
        Assert.Single(await Store.FindExactAsync("tg-en", MemorySide.Source, Composed));
        Assert.Single(await Store.FindExactAsync("tg-en", MemorySide.Source, decomposed));
    }

    [SkippableFact]
    public async Task Exact_lookup_works_from_either_side()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.AddUnitsAsync("tg-en", Pairs.Select(p => Unit(p.Source, p.Target)).ToList());

        var bySource = await Store.FindExactAsync("tg-en", MemorySide.Source, Pairs[3].Source);
        var byTarget = await Store.FindExactAsync("tg-en", MemorySide.Target, Pairs[3].Target);

        Assert.Equal(Pairs[3].Target, Assert.Single(bySource).Target.Text);
        Assert.Equal(Pairs[3].Source, Assert.Single(byTarget).Source.Text);
        Assert.Empty(await Store.FindExactAsync("tg-en", MemorySide.Source, Pairs[3].Target));
        Assert.Empty(await Store.FindExactAsync("tg-en", MemorySide.Source, Pairs[3].Source.ToUpperInvariant()));
        Assert.Empty(await Store.FindExactAsync("tg-en", MemorySide.Source, Pairs[3].Source + " "));
    }

    [SkippableFact]
    public async Task Units_are_found_in_one_read_in_the_order_asked_leaving_out_other_memories_and_missing_ids()
    {
        await Store.CreateMemoryAsync(Memory("one"));
        await Store.CreateMemoryAsync(Memory("two"));
        var ids = (await Store.AddUnitsAsync("one", [.. Enumerable.Range(0, 600).Select(Numbered)])).Select(r => r.Id).ToArray();
        var elsewhere = await AddAsync(Pairs[0].Source, Pairs[0].Target, "two");

        // More ids than one IN list holds, out of order, with a repeat, a missing id and another memory's unit.
        long[] asked = [ids[599], ids[3], elsewhere, ids[3] + 1_000_000, .. ids[10..590], ids[0]];
        var found = await Store.FindUnitsAsync("one", asked);

        Assert.Equal([ids[599], ids[3], .. ids[10..590], ids[0]], found.Select(u => u.Id));
        Assert.Equal((await Store.FindUnitAsync("one", ids[3]))!, found[1]);
        Assert.Empty(await Store.FindUnitsAsync("one", []));
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.FindUnitsAsync("none", [ids[0]]), "memory");
    }

    [SkippableFact]
    public async Task Missing_unit_is_not_found_and_units_do_not_leak_across_memories()
    {
        await Store.CreateMemoryAsync(Memory("one"));
        await Store.CreateMemoryAsync(Memory("two"));
        var id = await AddAsync(Pairs[0].Source, Pairs[0].Target, "one");

        Assert.Null(await Store.FindUnitAsync("one", id + 1_000));
        Assert.Null(await Store.FindUnitAsync("two", id));
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.DeleteUnitAsync("two", id), "id");
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.UpdateUnitAsync("two", Unit("а", "a") with { Id = id }), "id");
        Assert.NotNull(await Store.FindUnitAsync("one", id));
    }

    [SkippableFact]
    public async Task Updated_unit_replaces_the_stored_one()
    {
        await Store.CreateMemoryAsync(Memory());
        var id = await AddAsync(Pairs[2].Source, Pairs[2].Target);
        var stored = (await Store.FindUnitAsync("tg-en", id))!;

        var updated = await Store.UpdateUnitAsync("tg-en", stored with
        {
            Target = new SegmentText("I go to school.", [new(InlineTagKind.Placeholder, 4, "<ph>&lt;x/&gt;</ph>")]),
            Notes = [new UnitNote("shorter")],
            ChangedBy = "editor",
            ChangedAt = Date(2025, 5, 5),
        });

        Assert.Equal(updated, await Store.FindUnitAsync("tg-en", id));
        Assert.Equal("I go to school.", updated.Target.Text);
        Assert.Equal("editor", updated.ChangedBy);
        Assert.Equal(stored.CreatedAt, updated.CreatedAt);
        Assert.Empty(await Store.FindExactAsync("tg-en", MemorySide.Target, Pairs[2].Target));
        Assert.Equal(id, Assert.Single(await Store.FindExactAsync("tg-en", MemorySide.Target, "I go to school.")).Id);
        Assert.Equal(1, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [SkippableFact]
    public async Task Update_that_would_duplicate_another_unit_already_exists()
    {
        await Store.CreateMemoryAsync(Memory());
        await AddAsync(Pairs[0].Source, Pairs[0].Target);
        var other = await AddAsync(Pairs[1].Source, Pairs[1].Target);

        await AssertFailsAsync(ErrorKind.AlreadyExists, () => Store.UpdateUnitAsync("tg-en", Unit(Pairs[0].Source, Pairs[0].Target) with { Id = other }));

        Assert.Equal(Pairs[1].Source, (await Store.FindUnitAsync("tg-en", other))!.Source.Text);
    }

    [SkippableFact]
    public async Task Update_with_empty_text_is_rejected()
    {
        await Store.CreateMemoryAsync(Memory());
        var id = await AddAsync(Pairs[0].Source, Pairs[0].Target);

        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.UpdateUnitAsync("tg-en", Unit(Pairs[0].Source, "") with { Id = id }), "unit.target");
    }

    [SkippableFact]
    public async Task Deleted_unit_is_gone_and_no_longer_counted()
    {
        await Store.CreateMemoryAsync(Memory());
        var id = await AddAsync(Pairs[0].Source, Pairs[0].Target);
        await AddAsync(Pairs[1].Source, Pairs[1].Target);

        await Store.DeleteUnitAsync("tg-en", id);

        Assert.Null(await Store.FindUnitAsync("tg-en", id));
        Assert.Empty(await Store.FindExactAsync("tg-en", MemorySide.Source, Pairs[0].Source));
        Assert.Equal(1, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.DeleteUnitAsync("tg-en", id), "id");
    }

    [SkippableFact]
    public async Task Pages_cover_every_unit_once_in_id_order()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.CreateMemoryAsync(Memory("other"));
        for (var i = 0; i < 25; i++)
        {
            // Interleave another memory's units so that ids are not contiguous.
            await Store.AddUnitsAsync(i % 3 == 0 ? "other" : "tg-en", [Numbered(i)]);
        }

        var pages = new List<IReadOnlyList<TranslationUnit>>();
        var after = 0L;
        while (true)
        {
            var page = await Store.ListUnitsAsync("tg-en", after, 7);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            after = page[^1].Id;
        }

        Assert.Equal([7, 7, 2], pages.Select(p => p.Count));
        var ids = pages.SelectMany(p => p.Select(u => u.Id)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((await AllUnitsAsync()).Select(u => u.Id), ids);
    }

    [SkippableFact]
    public async Task Huge_page_limit_is_lowered_not_refused()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.AddUnitsAsync("tg-en", Pairs.Select(p => Unit(p.Source, p.Target)).ToList());

        Assert.Equal(Pairs.Length, (await Store.ListUnitsAsync("tg-en", 0, int.MaxValue)).Count);
    }

    [SkippableFact]
    public async Task One_call_mixing_new_units_stored_duplicates_and_repeats_gives_what_single_adds_would()
    {
        await Store.CreateMemoryAsync(Memory());
        var stored = (await Store.AddUnitsAsync("tg-en", [Numbered(0) with { Notes = [new UnitNote("stored")] }]))[0].Id;

        var results = await Store.AddUnitsAsync("tg-en", [
            Numbered(1) with { Notes = [new UnitNote("first")], CreatedAt = Date(2022, 1, 1) },
            Numbered(0) with { Notes = [new UnitNote("again")] },
            Numbered(1) with { Notes = [new UnitNote("repeat")], CreatedAt = Date(2021, 1, 1), UsageCount = 4 },
            Numbered(2),
        ]);

        Assert.Equal(UnitWriteOutcome.Added, results[0].Outcome);
        Assert.Equal(new UnitWriteResult(stored, UnitWriteOutcome.Updated), results[1]);
        Assert.Equal(new UnitWriteResult(results[0].Id, UnitWriteOutcome.Updated), results[2]);
        Assert.Equal(UnitWriteOutcome.Added, results[3].Outcome);
        Assert.True(stored < results[0].Id && results[0].Id < results[3].Id, "new units take growing ids in call order");
        var repeated = (await Store.FindUnitAsync("tg-en", results[0].Id))!;
        Assert.Equal<UnitNote>([new UnitNote("first"), new UnitNote("repeat")], repeated.Notes);
        Assert.Equal((Date(2021, 1, 1), 4), (repeated.CreatedAt!.Value, repeated.UsageCount));
        Assert.Equal<UnitNote>([new UnitNote("stored"), new UnitNote("again")], (await Store.FindUnitAsync("tg-en", stored))!.Notes);
        Assert.Equal(3, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
        Assert.Equal(3, (await AllUnitsAsync()).Count);
    }

    [SkippableFact]
    public async Task Adding_no_units_changes_nothing()
    {
        var created = await Store.CreateMemoryAsync(Memory());

        Assert.Empty(await Store.AddUnitsAsync("tg-en", []));

        Assert.Equal(created, await Store.FindMemoryAsync("tg-en"));
    }

    [SkippableFact]
    public async Task Page_limit_must_be_positive()
    {
        await Store.CreateMemoryAsync(Memory());

        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.ListUnitsAsync("tg-en", 0, 0), "limit");
    }

    [SkippableFact]
    public async Task Streaming_yields_every_unit_in_id_order()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.ImportAsync("tg-en", Stream(NumberedItems(2_345)), new ImportOptions());

        var units = await AllUnitsAsync();

        Assert.Equal(2_345, units.Count);
        Assert.Equal(units.Select(u => u.Id).Order(), units.Select(u => u.Id));
        Assert.Equal(2_345, units.Select(u => u.Source.Text).Distinct().Count());
    }

    [SkippableFact]
    public async Task Usage_is_counted_and_dated()
    {
        await Store.CreateMemoryAsync(Memory());
        var used = await AddAsync(Pairs[0].Source, Pairs[0].Target);
        var unused = await AddAsync(Pairs[1].Source, Pairs[1].Target);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Store.RecordUsageAsync("tg-en", [used]);
        await Store.RecordUsageAsync("tg-en", [used, unused + 1_000]);

        var unit = (await Store.FindUnitAsync("tg-en", used))!;
        Assert.Equal(2, unit.UsageCount);
        Assert.InRange(unit.LastUsedAt!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(0, (await Store.FindUnitAsync("tg-en", unused))!.UsageCount);
    }

    [SkippableFact]
    public async Task Statistics_count_units_sources_words_and_characters()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.AddUnitsAsync("tg-en",
        [
            Unit("Салом, дунё!", "Hello, world!") with { ChangedAt = Date(2024, 3, 1) },
            Unit("Китоб дар рӯи миз аст.", "The book is on the table.") with { CreatedAt = Date(2020, 1, 1) },
            Unit("Салом, дунё!", "Hi, world!") with { CreatedAt = Date(2019, 1, 1), ChangedAt = Date(2023, 1, 1) },
        ]);

        var statistics = await Store.GetStatisticsAsync("tg-en");

        // Words and characters (without white space, as analysis counts them) by hand:
        // 2 + 5 + 2 and 2 + 6 + 2 words; 11 + 18 + 11 and 12 + 20 + 9 characters.
        Assert.Equal(new MemoryStatistics(3, 2, 9, 10, 40, 41, Date(2024, 3, 1)), statistics);
    }

    [SkippableFact]
    public async Task Statistics_of_an_empty_memory_are_zero()
    {
        await Store.CreateMemoryAsync(Memory());

        Assert.Equal(new MemoryStatistics(0, 0, 0, 0, 0, 0, null), await Store.GetStatisticsAsync("tg-en"));
    }
}
