using System.Collections.Immutable;
using System.Text;

namespace Tarjuma.Core.Model;

/// <summary>
/// The content of one side of a unit: plain text (NFC) plus the inline tags between its
/// characters. Matching reads <see cref="Text"/>; export writes both, so markup survives.
/// </summary>
public sealed class SegmentText : IEquatable<SegmentText>
{
    public SegmentText(string text, ImmutableArray<InlineTag> tags = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Tags = tags.IsDefault ? [] : tags;
        foreach (var tag in Tags)
        {
            if (tag.Position < 0 || tag.Position > text.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(tags), $"Tag position {tag.Position} is outside the text (length {text.Length}).");
            }
        }
    }

    public static SegmentText Empty { get; } = new(string.Empty);

    /// <summary>Plain text in Unicode NFC, without markup.</summary>
    public string Text { get; }

    /// <summary>Inline tags in document order (by position, then as they appeared).</summary>
    public ImmutableArray<InlineTag> Tags { get; }

    public bool HasTags => !Tags.IsEmpty;

    /// <summary>Creates plain content, normalised to NFC.</summary>
    public static SegmentText Plain(string text) => new(TextNormalizer.ToNfc(text));

    public bool Equals(SegmentText? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return string.Equals(Text, other.Text, StringComparison.Ordinal) && Tags.SequenceEqual(other.Tags);
    }

    public override bool Equals(object? obj) => Equals(obj as SegmentText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Text, StringComparer.Ordinal);
        foreach (var tag in Tags)
        {
            hash.Add(tag);
        }

        return hash.ToHashCode();
    }

    /// <summary>A readable rendering for logs and tests: tags shown as their XML.</summary>
    public override string ToString()
    {
        if (!HasTags)
        {
            return Text;
        }

        var builder = new StringBuilder();
        var next = 0;
        foreach (var tag in Tags)
        {
            builder.Append(Text, next, tag.Position - next).Append(tag.Xml);
            next = tag.Position;
        }

        return builder.Append(Text, next, Text.Length - next).ToString();
    }
}
