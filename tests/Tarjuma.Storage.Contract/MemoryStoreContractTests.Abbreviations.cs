using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Contract;

/// <summary>The abbreviation port (<see cref="IAbbreviationStore"/>), for stores that implement it.</summary>
public abstract partial class MemoryStoreContractTests
{
    private IAbbreviationStore Abbreviations
    {
        get
        {
            Skip.If(Store is not IAbbreviationStore, "this store keeps no abbreviations.");
            return (IAbbreviationStore)Store;
        }
    }

    private static LearnedAbbreviation Learned(string text, double score) => new(text, score, 12, 0, 0.9);

    [SkippableFact]
    public async Task A_new_memory_has_no_abbreviations()
    {
        await Store.CreateMemoryAsync(Memory());

        var abbreviations = await Abbreviations.GetAbbreviationsAsync("tg-en");

        Assert.Empty(abbreviations.Learned);
        Assert.Empty(abbreviations.Effective);
        Assert.Equal(0, abbreviations.LearnedFromUnits);
    }

    [SkippableFact]
    public async Task Learned_abbreviations_survive_a_reopen_with_their_evidence_in_order()
    {
        await Store.CreateMemoryAsync(Memory());
        await Abbreviations.SaveLearnedAbbreviationsAsync("tg-en", [Learned("мас", 4.5), Learned("д.и.ф", 2.25)], 1_500);

        await ReopenAsync();
        var abbreviations = await Abbreviations.GetAbbreviationsAsync("tg-en");

        Assert.Equal([Learned("мас", 4.5), Learned("д.и.ф", 2.25)], abbreviations.Learned);
        Assert.Equal(1_500, abbreviations.LearnedFromUnits);
        Assert.Equal(["д.и.ф", "мас"], abbreviations.Effective);
    }

    [SkippableFact]
    public async Task Learning_again_replaces_the_learned_list_but_keeps_an_administrators_edits()
    {
        await Store.CreateMemoryAsync(Memory());
        await Abbreviations.SaveLearnedAbbreviationsAsync("tg-en", [Learned("мас", 4.5), Learned("ш", 3)], 300);
        await Abbreviations.EditAbbreviationsAsync("tg-en", add: ["Га."], remove: ["ш"]);

        var relearned = await Abbreviations.SaveLearnedAbbreviationsAsync("tg-en", [Learned("ш", 3.5), Learned("млн", 1)], 900);

        Assert.Equal(["млн", "ш"], relearned.Learned.Select(a => a.Text).Order(StringComparer.Ordinal));
        Assert.Equal(["га"], relearned.Added);
        Assert.Equal(["ш"], relearned.Removed);
        Assert.Equal(["га", "млн"], relearned.Effective);
        Assert.Equal(900, relearned.LearnedFromUnits);
    }

    [SkippableFact]
    public async Task Adding_a_removed_entry_takes_it_back_and_removing_an_added_one_drops_it()
    {
        await Store.CreateMemoryAsync(Memory());
        await Abbreviations.EditAbbreviationsAsync("tg-en", add: ["сом"], remove: ["ц"]);

        var edited = await Abbreviations.EditAbbreviationsAsync("tg-en", add: ["ц"], remove: ["сом"]);

        Assert.Equal(["ц"], edited.Added);
        Assert.Equal(["сом"], edited.Removed);
        Assert.Equal(["ц"], edited.Effective);
    }

    [SkippableFact]
    public async Task A_bad_entry_is_rejected_naming_the_field_and_nothing_is_changed()
    {
        await Store.CreateMemoryAsync(Memory());
        await Abbreviations.EditAbbreviationsAsync("tg-en", add: ["мас"], remove: []);

        var error = await Assert.ThrowsAsync<TarjumaException>(() => Abbreviations.EditAbbreviationsAsync("tg-en", add: ["га", "5 %"], remove: []));

        Assert.Equal("add", error.Field);
        Assert.Equal(["мас"], (await Abbreviations.GetAbbreviationsAsync("tg-en")).Added);
    }

    [SkippableFact]
    public async Task The_same_entry_added_and_removed_is_rejected()
    {
        await Store.CreateMemoryAsync(Memory());

        var error = await Assert.ThrowsAsync<TarjumaException>(() => Abbreviations.EditAbbreviationsAsync("tg-en", add: ["мас"], remove: ["Мас."]));

        Assert.Equal("remove", error.Field);
    }

    [SkippableFact]
    public async Task Abbreviations_of_a_missing_memory_are_not_found_and_go_with_a_deleted_one()
    {
        var missing = await Assert.ThrowsAsync<TarjumaException>(() => Abbreviations.GetAbbreviationsAsync("nowhere"));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);

        await Store.CreateMemoryAsync(Memory());
        await Abbreviations.EditAbbreviationsAsync("tg-en", add: ["мас"], remove: []);
        await Store.DeleteMemoryAsync("tg-en");
        await Store.CreateMemoryAsync(Memory());

        Assert.Empty((await Abbreviations.GetAbbreviationsAsync("tg-en")).Effective);
    }

    [SkippableFact]
    public async Task A_memory_is_learned_from_its_source_segments()
    {
        await Store.CreateMemoryAsync(Memory());
        string[] sources =
        [
            "Кишварҳои ҳамсоя, мас. Ӯзбекистон, ширкат доштанд.",
            "Соҳаҳо, мас. кишоварзӣ, рушд карданд.",
            "Нархҳо, мас. нархи нон, боло рафтанд.",
            "Ӯзбекистон ҳамсояи мо аст.",
        ];
        await Store.AddUnitsAsync("tg-en", [.. sources.Select((s, i) => Unit(s, "Target " + i))]);

        var learned = await MemoryAbbreviationLearning.LearnAsync(Store, Abbreviations, "tg-en", CancellationToken.None);

        Assert.Equal(["мас"], learned.Effective);
        Assert.Equal(4, learned.LearnedFromUnits);
        Assert.False(MemoryAbbreviationLearning.IsDue(learned, 4));
    }
}
