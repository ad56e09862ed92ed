using System.Collections.Immutable;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>The unit stored in <c>Frozen/v1-data.sql</c>, built in code: every stored field in use.</summary>
internal static class FrozenSample
{
    public static TranslationUnit Unit { get; } = new()
    {
        Source = new SegmentText("Шартнома \"А\" имзо шуд.",
        [
            new InlineTag(InlineTagKind.Begin, 0, "<bpt i=\"1\">&lt;b&gt;</bpt>"),
            new InlineTag(InlineTagKind.End, 8, "<ept i=\"1\">&lt;/b&gt;</ept>"),
            new InlineTag(InlineTagKind.Placeholder, 22, "<ph x=\"2\">&lt;br/&gt;</ph>"),
        ]),
        Target = new SegmentText("Contract \"A\" was signed.",
        [
            new InlineTag(InlineTagKind.Isolated, 0, "<it pos=\"begin\">&lt;b&gt;</it>"),
            new InlineTag(InlineTagKind.HighlightStart, 9, "<hi type=\"quote\">"),
            new InlineTag(InlineTagKind.HighlightEnd, 12, "</hi>"),
            new InlineTag(InlineTagKind.Unknown, 24, "<ut>&lt;x/&gt;</ut>"),
        ]),
        PreviousSource = "Моддаи 1.",
        NextSource = "Моддаи 2.",
        ExternalId = "tu-7",
        Properties = [new UnitProperty("x-domain", "ҳуқуқ", "tg"), new UnitProperty("x-client", "Acme")],
        Notes = [new UnitNote("Reviewed.", "en"), new UnitNote("Тафтиш шуд")],
        CreatedBy = "nigora",
        CreatedAt = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567),
        ChangedBy = "farrukh",
        ChangedAt = new DateTimeOffset(2022, 11, 30, 23, 59, 58, TimeSpan.Zero),
        UsageCount = 4,
        LastUsedAt = new DateTimeOffset(2023, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    public static ImmutableArray<string> Columns { get; } =
    [
        "memory_id", "source_text", "source_tags", "target_text", "target_tags", "source_hash", "target_hash", "pair_hash",
        "prev_source", "next_source", "external_id", "props", "notes", "created_by", "created_at", "changed_by", "changed_at",
        "usage_count", "last_used_at",
    ];
}
