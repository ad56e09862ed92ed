using Tarjuma.Core.Model;
using Tarjuma.Storage.Common.Units;

namespace Tarjuma.Storage.Sqlite.Tests;

public sealed class SegmentNormalizerTests
{
    [Fact]
    public void Decomposed_text_between_tags_is_composed_and_tags_move_with_it()
    {
        // "Зиндагӣ" with ӣ decomposed (и + U+0304), bold; then "хуш" after the tag.
        var decomposed = new SegmentText("Зиндаги\u0304 хуш", [new(InlineTagKind.Begin, 0, "<bpt i=\"1\"/>"), new(InlineTagKind.End, 8, "<ept i=\"1\"/>")]);

        var normalized = SegmentNormalizer.ToNfc(decomposed);

        Assert.Equal("Зиндагӣ хуш", normalized.Text);
        Assert.Equal([0, 7], normalized.Tags.Select(t => t.Position));
        Assert.Equal(decomposed.Tags.Select(t => t.Xml), normalized.Tags.Select(t => t.Xml));
    }

    [Fact]
    public void A_tag_between_a_letter_and_its_combining_mark_keeps_them_apart()
    {
        var split = new SegmentText("и\u0304", [new(InlineTagKind.Placeholder, 1, "<ph/>")]);

        var normalized = SegmentNormalizer.ToNfc(split);

        Assert.Equal("и\u0304", normalized.Text);
        Assert.Equal(1, Assert.Single(normalized.Tags).Position);
    }

    [Fact]
    public void Text_already_in_nfc_is_returned_as_it_is()
    {
        var segment = new SegmentText("Зиндагӣ хуш", [new(InlineTagKind.Placeholder, 3, "<ph/>")]);

        Assert.Same(segment, SegmentNormalizer.ToNfc(segment));
    }
}
