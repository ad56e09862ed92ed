using System.Collections.Immutable;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>
/// Every value the store writes to disk, frozen (as microsoft/garnet's PersistedEnumStabilityTests
/// do): renumbering an enum, renaming a JSON member, changing the date format or the hash function
/// would make existing databases read wrongly, so each is pinned here.
/// </summary>
public sealed class DiskFormatTests
{
    public static TheoryData<InlineTagKind, int> TagKindNumbers() => new()
    {
        { InlineTagKind.Begin, 1 },
        { InlineTagKind.End, 2 },
        { InlineTagKind.Isolated, 3 },
        { InlineTagKind.Placeholder, 4 },
        { InlineTagKind.HighlightStart, 5 },
        { InlineTagKind.HighlightEnd, 6 },
        { InlineTagKind.Unknown, 7 },
    };

    [Theory]
    [MemberData(nameof(TagKindNumbers))]
    public void Tag_kind_numbers_stored_in_tag_json_never_change(InlineTagKind kind, int number)
    {
        Assert.Equal(number, (int)kind);
    }

    [Fact]
    public void Every_tag_kind_has_a_frozen_number()
    {
        Assert.Equal(Enum.GetValues<InlineTagKind>().Order(), TagKindNumbers().Select(row => (InlineTagKind)row[0]).Order());
    }

    public static TheoryData<string, string> FrozenJson() => new()
    {
        { "tags", """[{"kind":1,"pos":0,"xml":"<bpt i=\"1\">&lt;b&gt;</bpt>"},{"kind":7,"pos":3,"xml":"<ut>ӣ</ut>"}]""" },
        { "props", """[{"type":"x-domain","value":"ҳуқуқ","lang":"tg"},{"type":"x-client","value":"Acme \"Ltd\""}]""" },
        { "notes", """[{"text":"Reviewed.","lang":"en"},{"text":"Сатри\nнав"}]""" },
    };

    private static readonly ImmutableArray<InlineTag> Tags =
        [new(InlineTagKind.Begin, 0, "<bpt i=\"1\">&lt;b&gt;</bpt>"), new(InlineTagKind.Unknown, 3, "<ut>ӣ</ut>")];

    private static readonly ImmutableArray<UnitProperty> Properties =
        [new("x-domain", "ҳуқуқ", "tg"), new("x-client", "Acme \"Ltd\"")];

    private static readonly ImmutableArray<UnitNote> Notes = [new("Reviewed.", "en"), new("Сатри\nнав")];

    [Theory]
    [MemberData(nameof(FrozenJson))]
    public void Json_is_written_in_the_frozen_shape(string column, string json)
    {
        var written = column switch
        {
            "tags" => StoredJson.WriteTags(Tags),
            "props" => StoredJson.WriteProperties(Properties),
            _ => StoredJson.WriteNotes(Notes),
        };

        Assert.Equal(json, written);
    }

    [Theory]
    [MemberData(nameof(FrozenJson))]
    public void Json_in_the_frozen_shape_reads_back(string column, string json)
    {
        switch (column)
        {
            case "tags":
                Assert.Equal<InlineTag>(Tags, StoredJson.ReadTags(json));
                break;
            case "props":
                Assert.Equal<UnitProperty>(Properties, StoredJson.ReadProperties(json));
                break;
            default:
                Assert.Equal<UnitNote>(Notes, StoredJson.ReadNotes(json));
                break;
        }
    }

    [Fact]
    public void Empty_lists_are_stored_as_null_and_null_reads_as_empty()
    {
        Assert.Null(StoredJson.WriteTags([]));
        Assert.Null(StoredJson.WriteProperties([]));
        Assert.Null(StoredJson.WriteNotes([]));
        Assert.Empty(StoredJson.ReadTags(null));
        Assert.Empty(StoredJson.ReadProperties(null));
        Assert.Empty(StoredJson.ReadNotes(null));
    }

    [Fact]
    public void Json_members_added_by_a_later_version_are_ignored()
    {
        var tags = StoredJson.ReadTags("""[{"kind":4,"pos":2,"xml":"<ph/>","future":true}]""");

        Assert.Equal(new InlineTag(InlineTagKind.Placeholder, 2, "<ph/>"), Assert.Single(tags));
    }

    public static TheoryData<string, DateTimeOffset> FrozenDates() => new()
    {
        { "2024-03-05T07:08:09.1234567Z", new DateTimeOffset(2024, 3, 5, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567) },
        { "0001-01-01T00:00:00.0000000Z", DateTimeOffset.MinValue },
        { "2024-03-05T02:08:09.0000000Z", new DateTimeOffset(2024, 3, 5, 7, 8, 9, TimeSpan.FromHours(5)) },
        { "9999-12-31T23:59:59.9999999Z", DateTimeOffset.MaxValue },
    };

    [Theory]
    [MemberData(nameof(FrozenDates))]
    public void Dates_are_stored_as_fixed_width_utc_text(string text, DateTimeOffset date)
    {
        Assert.Equal(text, StoredDate.Write(date));
        Assert.Equal(date, StoredDate.Read(text));
        Assert.Equal(TimeSpan.Zero, StoredDate.Read(text).Offset);
    }

    public static TheoryData<string, long> FrozenTextHashes() => new()
    {
        { "Салом, дунё!", -7324637538000818026 },
        { "Hello, world!", -1214182603299102136 },
        { "Шартнома \"А\" имзо шуд.", -7118488022135919097 },
        { "", 3244421341483603138 },
    };

    [Theory]
    [MemberData(nameof(FrozenTextHashes))]
    public void Text_hashes_never_change(string text, long hash)
    {
        Assert.Equal(hash, TextHash.OfText(text));
    }

    [Fact]
    public void Pair_hashes_never_change()
    {
        Assert.Equal(8080381337038358922, TextHash.OfPair(FrozenSample.Unit.Source, FrozenSample.Unit.Target));
        Assert.Equal(5725669644048623768, TextHash.OfPair(SegmentText.Plain("Салом, дунё!"), SegmentText.Plain("Hello, world!")));
    }

    [Fact]
    public void Pair_hash_depends_on_tags_and_on_which_side_text_is()
    {
        var plain = TextHash.OfPair(SegmentText.Plain("аб"), SegmentText.Plain("ab"));

        Assert.NotEqual(plain, TextHash.OfPair(new SegmentText("аб", [new(InlineTagKind.Placeholder, 1, "<ph/>")]), SegmentText.Plain("ab")));
        Assert.NotEqual(plain, TextHash.OfPair(SegmentText.Plain("а"), SegmentText.Plain("бab")));
    }

    public static TheoryData<ChangeKind, string> FrozenChangeKinds() => new()
    {
        { ChangeKind.UnitUpserted, "upsert" },
        { ChangeKind.UnitDeleted, "delete" },
        { ChangeKind.MemoryCreated, "memory-created" },
        { ChangeKind.MemoryDeleted, "memory-deleted" },
        { ChangeKind.UnitsImported, "bulk" },
    };

    [Theory]
    [MemberData(nameof(FrozenChangeKinds))]
    public void Change_kinds_are_stored_as_frozen_text(ChangeKind kind, string text)
    {
        Assert.Equal(text, StoredChangeKind.Write(kind));
        Assert.Equal(kind, StoredChangeKind.Read(text));
    }

    [Fact]
    public void Every_change_kind_has_a_frozen_text_and_number()
    {
        Assert.Equal(Enum.GetValues<ChangeKind>().Order(), FrozenChangeKinds().Select(row => (ChangeKind)row[0]).Order());
        Assert.Equal([1, 2, 3, 4, 5], Enum.GetValues<ChangeKind>().Select(kind => (int)kind).Order());
    }
}
