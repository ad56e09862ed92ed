using System.Collections.Immutable;
using System.Text;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Common.Units;

/// <summary>
/// Brings a segment to NFC (UAX #15) before it is stored, keeping its inline tags where they
/// were: the text between two tags is normalised on its own, because a tag separates characters
/// that must not compose across it, and tag positions move by what each stretch shrank.
/// </summary>
internal static class SegmentNormalizer
{
    public static SegmentText ToNfc(SegmentText segment)
    {
        var text = segment.Text;
        var normalized = TextNormalizer.ToNfc(text);
        if (ReferenceEquals(normalized, text) || string.Equals(normalized, text, StringComparison.Ordinal))
        {
            return segment;
        }

        if (!segment.HasTags)
        {
            return new SegmentText(normalized);
        }

        var builder = new StringBuilder(text.Length);
        var tags = ImmutableArray.CreateBuilder<InlineTag>(segment.Tags.Length);
        var next = 0;
        foreach (var tag in segment.Tags)
        {
            if (tag.Position > next)
            {
                builder.Append(TextNormalizer.ToNfc(text[next..tag.Position]));
                next = tag.Position;
            }

            tags.Add(tag with { Position = builder.Length });
        }

        builder.Append(TextNormalizer.ToNfc(text[next..]));
        return new SegmentText(builder.ToString(), tags.MoveToImmutable());
    }
}
