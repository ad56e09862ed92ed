using System.Collections.Immutable;
using System.Text;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// Carries placeables of the query into the match's target: where the alignment pairs a query
/// placeable with a source placeable of another value, the target placeable holding the source's
/// value is rewritten with the query's value, in the target's own format ("соли 2023" → "in 2023"
/// becomes "соли 2024" → "in 2024"; Tajik "1,5" becomes English "1.5"; "12-ум" → "12th" becomes
/// "14-ум" → "14th"; "15-уми марти соли 2023" → "15 March 2023" becomes "3-юми июни соли 2024" →
/// "3 June 2024").
/// All or nothing: when any query placeable that differs from the unit cannot be carried over with
/// certainty (no target placeable holds the source's value, the layout cannot hold the new value, or
/// the query's placeable has no placeable of its kind in the source), the target is left as stored
/// and every differing placeable of the query is reported, so a partly repaired target is never
/// offered as adjusted.
/// </summary>
internal static class PlaceableTransfer
{
    /// <summary>
    /// The suggested target (the stored one unless <c>Adjusted</c>); <c>Failed</c>: paired placeables of
    /// another value left uncarried (each costs a full edit instead of the placeable penalty);
    /// <c>NotCarried</c>: query ranges of the placeables that differ from the unit and are not in the
    /// suggestion (empty when adjusted).
    /// </summary>
    public readonly record struct Result(SegmentText Target, bool Adjusted, int Failed, IReadOnlyList<TextRange> NotCarried);

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
        var carried = 0;
        var differing = new List<TextRange>();
        var anyMissing = false;
        foreach (var step in steps)
        {
            if (step.QueryIndex < 0 && step.SourceIndex >= 0 && sourceTokens[step.SourceIndex] is { IsPlaceable: true, Kind: not TokenKind.Tag })
            {
                // The query lacks a placeable of the unit, which the target may still hold: a rewritten target would mix both.
                anyMissing = true;
                continue;
            }

            if (step.QueryIndex < 0 || step.Cost == 0)
            {
                continue;
            }

            var q = queryTokens[step.QueryIndex];
            if (!q.IsPlaceable)
            {
                continue;
            }

            if (step.SourceIndex < 0 || sourceTokens[step.SourceIndex].Kind != q.Kind)
            {
                // Inserted, or in place of a word: the target has nothing to rewrite. An added tag is formatting, not
                // content, but a unit placeable it replaced is missing from the query all the same.
                anyMissing |= step.SourceIndex >= 0 && sourceTokens[step.SourceIndex] is { IsPlaceable: true, Kind: not TokenKind.Tag };
                if (q.Kind != TokenKind.Tag)
                {
                    differing.Add(new TextRange(q.Start, q.Length));
                    anyMissing = true;
                }

                continue;
            }

            var s = sourceTokens[step.SourceIndex];
            if (q.Kind != TokenKind.Tag && q.Case == s.Case)
            {
                continue;
            }

            differing.Add(new TextRange(q.Start, q.Length));
            targetTokens ??= Tokenizer.Tokenize(target, targetConvention);
            var found = q.Kind switch
            {
                TokenKind.Number => TransferNumber(query, q, source, s, target, targetTokens, sourceConvention, targetConvention, used, ref edits),
                TokenKind.Date => ReadDate(TextOf(query, q), out var date)
                    && TransferValue<DateValue>(s, target, targetTokens, used, ref edits, ReadDate, t => date.FitsLayoutOf(t) ? date.FormatLike(t) : null),
                TokenKind.Ordinal => OrdinalValue.TryReadToken(TextOf(query, q), out var ordinal)
                    && TransferValue<OrdinalValue>(s, target, targetTokens, used, ref edits, OrdinalValue.TryReadToken,
                        t => ordinal.FitsLayoutOf(t) ? ordinal.FormatLike(t) : null),
                TokenKind.Time => ReadTime(TextOf(query, q), out var time)
                    && TransferValue<TimeValue>(s, target, targetTokens, used, ref edits, ReadTime, time.FormatLike),
                TokenKind.Tag => TransferTag(query, q, source, s, target, targetTokens, used, ref tagEdits),
                _ => TransferText(query, q, source, s, target, targetTokens, used, ref edits),
            };
            if (found)
            {
                carried++;
            }
            else
            {
                failed++;
            }
        }

        if (failed > 0 || anyMissing)
        {
            // Whatever was carried is dropped with the rest: each of those pairs is now an uncarried difference too.
            return new Result(target, false, failed + carried, differing);
        }

        if (edits is null && tagEdits is null)
        {
            return new Result(target, false, 0, []);
        }

        return new Result(Rewrite(target, edits, tagEdits), true, 0, []);
    }

    private static ReadOnlySpan<char> TextOf(SegmentText segment, MatchToken token) => segment.Text.AsSpan(token.Start, token.Length);

    private static bool TransferNumber(SegmentText query, MatchToken q, SegmentText source, MatchToken s, SegmentText target, List<MatchToken> targetTokens,
        NumberConvention sourceConvention, NumberConvention targetConvention, HashSet<int> used, ref List<(int, int, string)>? edits)
    {
        if (!NumberValue.TryParse(TextOf(query, q), sourceConvention, out var newValue) || !NumberValue.TryParse(TextOf(source, s), sourceConvention,
            out var oldValue))
        {
            return false;
        }

        for (var i = 0; i < targetTokens.Count; i++)
        {
            var t = targetTokens[i];
            if (t.Kind != TokenKind.Number || used.Contains(i) || !NumberValue.TryParse(TextOf(target, t), targetConvention,
                out var template) || template.Value != oldValue.Value)
            {
                continue;
            }

            used.Add(i);
            // A leading zero marks an identifier (a phone or file number): its digits are carried as written.
            var written = TextOf(query, q);
            var identifier = written.Length > 1 && written[0] == '0' && char.IsAsciiDigit(written[1]);
            (edits ??= []).Add((t.Start, t.Length, identifier ? written.ToString() : NumberValue.Format(newValue, template, targetConvention)));
            return true;
        }

        return false;
    }

    private delegate bool ValueReader<T>(ReadOnlySpan<char> text, out T value);

    /// <summary>
    /// Rewrites the first unused target token of <paramref name="s"/>'s kind and value (the value key,
    /// whatever the language's layout) with <paramref name="write"/>(its layout); false when none
    /// exists or none can hold the new value (<paramref name="write"/> returns null).
    /// </summary>
    private static bool TransferValue<T>(MatchToken s, SegmentText target, List<MatchToken> targetTokens, HashSet<int> used, ref List<(int, int,
        string)>? edits,
        ValueReader<T> read, Func<T, string?> write)
    {
        for (var i = 0; i < targetTokens.Count; i++)
        {
            var t = targetTokens[i];
            if (t.Kind != s.Kind || used.Contains(i) || t.Case != s.Case || !read(TextOf(target, t), out var template) || write(template) is not { } written)
            {
                continue;
            }

            used.Add(i);
            (edits ??= []).Add((t.Start, t.Length, written));
            return true;
        }

        return false;
    }

    private static bool ReadDate(ReadOnlySpan<char> text, out DateValue date) => DateValue.TryRead(text, out date, out _);

    private static bool ReadTime(ReadOnlySpan<char> text, out TimeValue time) => TimeValue.TryRead(text, out time) == text.Length;

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
