using System.Collections.Immutable;
using System.Text;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// Carries placeables of the query into the match's target: where the alignment pairs a query
/// placeable with a source placeable of another value, the target placeable holding the source's
/// value is rewritten with the query's value, in the target's own format ("соли 2023" → "in 2023"
/// becomes "соли 2024" → "in 2024"; Tajik "1,5" becomes English "1.5").
/// </summary>
internal static class PlaceableTransfer
{
    public readonly record struct Result(SegmentText Target, bool Adjusted, int Failed);

    public static Result Apply(
        SegmentText query,
        List<MatchToken> queryTokens,
        SegmentText source,
        List<MatchToken> sourceTokens,
        SegmentText target,
        NumberConvention sourceConvention,
        NumberConvention targetConvention,
        List<AlignmentStep> steps)
    {
        List<MatchToken>? targetTokens = null;
        List<(int Start, int Length, string Text)>? edits = null;
        Dictionary<int, string>? tagEdits = null;
        var used = new HashSet<int>();
        var failed = 0;
        foreach (var step in steps)
        {
            if (step.QueryIndex < 0 || step.SourceIndex < 0 || step.Cost == 0)
            {
                continue;
            }

            var q = queryTokens[step.QueryIndex];
            var s = sourceTokens[step.SourceIndex];
            if (!q.IsPlaceable || q.Kind != s.Kind || (q.Kind != TokenKind.Tag && q.Case == s.Case))
            {
                continue;
            }

            targetTokens ??= Tokenizer.Tokenize(target, targetConvention);
            var found = q.Kind switch
            {
                TokenKind.Number => TransferNumber(query, q, source, s, target, targetTokens, sourceConvention, targetConvention, used, ref edits),
                TokenKind.Date => TransferDate(query, q, source, s, target, targetTokens, used, ref edits),
                TokenKind.Tag => TransferTag(query, q, source, s, target, targetTokens, used, ref tagEdits),
                _ => TransferText(query, q, source, s, target, targetTokens, used, ref edits),
            };
            if (!found)
            {
                failed++;
            }
        }

        if (edits is null && tagEdits is null)
        {
            return new Result(target, false, failed);
        }

        return new Result(Rewrite(target, edits, tagEdits), true, failed);
    }

    private static ReadOnlySpan<char> TextOf(SegmentText segment, MatchToken token) => segment.Text.AsSpan(token.Start, token.Length);

    private static bool TransferNumber(SegmentText query, MatchToken q, SegmentText source, MatchToken s, SegmentText target, List<MatchToken> targetTokens,
        NumberConvention sourceConvention, NumberConvention targetConvention, HashSet<int> used, ref List<(int, int, string)>? edits)
    {
        if (!NumberValue.TryParse(TextOf(query, q), sourceConvention, out var newValue) || !NumberValue.TryParse(TextOf(source, s), sourceConvention, out var oldValue))
        {
            return false;
        }

        for (var i = 0; i < targetTokens.Count; i++)
        {
            var t = targetTokens[i];
            if (t.Kind != TokenKind.Number || used.Contains(i) || !NumberValue.TryParse(TextOf(target, t), targetConvention, out var template) || template.Value != oldValue.Value)
            {
                continue;
            }

            used.Add(i);
            (edits ??= []).Add((t.Start, t.Length, NumberValue.Format(newValue, template, targetConvention)));
            return true;
        }

        return false;
    }

    private static bool TransferDate(SegmentText query, MatchToken q, SegmentText source, MatchToken s, SegmentText target, List<MatchToken> targetTokens,
        HashSet<int> used, ref List<(int, int, string)>? edits)
    {
        if (!DateValue.TryRead(TextOf(query, q), out var newDate, out _))
        {
            return false;
        }

        for (var i = 0; i < targetTokens.Count; i++)
        {
            var t = targetTokens[i];
            if (t.Kind != TokenKind.Date || used.Contains(i) || t.Case != s.Case || !DateValue.TryRead(TextOf(target, t), out var template, out _))
            {
                continue;
            }

            used.Add(i);
            (edits ??= []).Add((t.Start, t.Length, newDate.FormatLike(template)));
            return true;
        }

        return false;
    }

    private static bool TransferText(SegmentText query, MatchToken q, SegmentText source, MatchToken s, SegmentText target, List<MatchToken> targetTokens,
        HashSet<int> used, ref List<(int, int, string)>? edits)
    {
        for (var i = 0; i < targetTokens.Count; i++)
        {
            var t = targetTokens[i];
            if (t.Kind != s.Kind || used.Contains(i) || !TextOf(target, t).SequenceEqual(TextOf(source, s)))
            {
                continue;
            }

            used.Add(i);
            (edits ??= []).Add((t.Start, t.Length, TextOf(query, q).ToString()));
            return true;
        }

        return false;
    }

    private static bool TransferTag(SegmentText query, MatchToken q, SegmentText source, MatchToken s, SegmentText target, List<MatchToken> targetTokens,
        HashSet<int> used, ref Dictionary<int, string>? tagEdits)
    {
        var oldXml = source.Tags[s.TagIndex].Xml;
        for (var i = 0; i < targetTokens.Count; i++)
        {
            var t = targetTokens[i];
            if (t.Kind != TokenKind.Tag || used.Contains(i) || !string.Equals(target.Tags[t.TagIndex].Xml, oldXml, StringComparison.Ordinal))
            {
                continue;
            }

            used.Add(i);
            (tagEdits ??= [])[t.TagIndex] = query.Tags[q.TagIndex].Xml;
            return true;
        }

        return false;
    }

    private static SegmentText Rewrite(SegmentText target, List<(int Start, int Length, string Text)>? edits, Dictionary<int, string>? tagEdits)
    {
        var text = target.Text;
        var shifts = new List<(int End, int Delta)>();
        if (edits is not null)
        {
            edits.Sort((a, b) => a.Start.CompareTo(b.Start));
            var builder = new StringBuilder(text.Length + 16);
            var next = 0;
            foreach (var (start, length, replacement) in edits)
            {
                builder.Append(text, next, start - next).Append(replacement);
                next = start + length;
                shifts.Add((next, replacement.Length - length));
            }

            text = builder.Append(text, next, text.Length - next).ToString();
        }

        var tags = target.Tags;
        if (!tags.IsEmpty)
        {
            var rebuilt = ImmutableArray.CreateBuilder<InlineTag>(tags.Length);
            for (var i = 0; i < tags.Length; i++)
            {
                var tag = tags[i];
                var position = tag.Position;
                foreach (var (end, delta) in shifts)
                {
                    if (end <= tag.Position)
                    {
                        position += delta;
                    }
                }

                var xml = tagEdits is not null && tagEdits.TryGetValue(i, out var replaced) ? replaced : tag.Xml;
                rebuilt.Add(tag with { Position = position, Xml = xml });
            }

            tags = rebuilt.MoveToImmutable();
        }

        return new SegmentText(text, tags);
    }
}
