using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// Cuts text into sentences by SRX 2.0 rules. Build once with <see cref="Create(SegmenterOptions)"/>; the instance
/// is immutable and thread-safe, and <see cref="Segment(ReadOnlySpan{char}, List{TextRange})"/>
/// allocates nothing beyond growing the caller's list.
/// </summary>
/// <remarks>
/// A break is tested only at candidate positions, found by a vectorised scan for characters the
/// break rules can end (or start) with; there the ordered rules are evaluated, and the first one
/// whose <c>beforebreak</c> matches text ending at the position and whose <c>afterbreak</c>
/// matches text starting there decides (SRX 2.0 §2.5). Line breaks are then handled as
/// <see cref="SegmenterOptions.LineBreaks"/> says. Offsets are UTF-16 code units.
/// </remarks>
public sealed class Segmenter
{
    private static readonly ConditionalWeakTable<SrxDocument, Dictionary<string, Lazy<CompiledRuleSet>>> Cache = new();

    private readonly CompiledRuleSet _rules;

    private readonly SrxDocument _document;

    private Segmenter(SegmenterOptions options, CompiledRuleSet rules, SrxDocument document, string language)
    {
        Options = options;
        _document = document;
        _rules = rules;
        RuleNames = document.RuleNamesFor(language);
    }

    public SegmenterOptions Options { get; }

    /// <summary>The compiled rules (for tests: segmenters of one document and language share them).</summary>
    internal CompiledRuleSet CompiledRules => _rules;

    /// <summary>The SRX language rules in force, in the order they apply.</summary>
    public IReadOnlyList<string> RuleNames { get; }

    /// <summary>Builds a segmenter; compiled rules are cached per document and language.</summary>
    public static Segmenter Create(SegmenterOptions options) => Create(options, wordLists: true);

    /// <summary>
    /// <paramref name="wordLists"/> false builds (uncached) without the <see cref="WordListFilter"/>
    /// pre-checks, so tests can compare the fast path with the general one.
    /// </summary>
    internal static Segmenter Create(SegmenterOptions options, bool wordLists)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Language) || options.Language.Length > LanguageTag.MaxLength)
        {
            throw TarjumaException.InvalidArgument("language", "a language code such as tg or en is required.");
        }

        if (!Enum.IsDefined(options.LineBreaks))
        {
            throw TarjumaException.InvalidArgument("line_breaks", $"unknown line-break mode {(int)options.LineBreaks}.");
        }

        var document = options.Rules ?? BuiltInRules.Default;
        if (!wordLists)
        {
            var general = CompiledRuleSet.Build(document, document.RulesFor(options.Language), wordLists: false);
            return new Segmenter(options, general, document, options.Language);
        }

        // One build per document and language, also when several callers ask at once (a command's warm-up and the
        // command itself, a server's first requests): the others wait for it. A failed build is not kept.
        var byLanguage = Cache.GetValue(document, static _ => new Dictionary<string, Lazy<CompiledRuleSet>>(StringComparer.OrdinalIgnoreCase));
        Lazy<CompiledRuleSet>? building;
        lock (byLanguage)
        {
            if (!byLanguage.TryGetValue(options.Language, out building))
            {
                var language = options.Language;
                building = new Lazy<CompiledRuleSet>(() => CompiledRuleSet.Build(document, document.RulesFor(language)));
                byLanguage[language] = building;
            }
        }

        CompiledRuleSet compiled;
        try
        {
            compiled = building.Value;
        }
        catch (Exception)
        {
            lock (byLanguage)
            {
                if (byLanguage.TryGetValue(options.Language, out var current) && ReferenceEquals(current, building))
                {
                    byLanguage.Remove(options.Language);
                }
            }

            throw;
        }

        return new Segmenter(options, compiled, document, options.Language);
    }

    /// <summary>Segments <paramref name="text"/>; returns the segments in order.</summary>
    public IReadOnlyList<TextRange> Segment(ReadOnlySpan<char> text) => Segment(text, CancellationToken.None);

    /// <inheritdoc cref="Segment(ReadOnlySpan{char}, List{TextRange}, CancellationToken)"/>
    public IReadOnlyList<TextRange> Segment(ReadOnlySpan<char> text, CancellationToken cancellationToken)
    {
        var list = new List<TextRange>();
        Segment(text, list, cancellationToken);
        return list;
    }

    /// <summary>Appends the segments of <paramref name="text"/> to <paramref name="output"/>.</summary>
    public void Segment(ReadOnlySpan<char> text, List<TextRange> output) => Segment(text, output, CancellationToken.None);

    /// <summary>
    /// Appends the segments of <paramref name="text"/> to <paramref name="output"/>. The token is
    /// checked before every rule evaluation, so a call stops within one match timeout
    /// (<see cref="CompiledRuleSet.MatchTimeout"/>) of its cancellation.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="TarjumaException">
    /// A rule timed out twice where the break depends on it (the message names the rule): the
    /// segmentation there cannot be decided, and a guess would be a silently wrong answer.
    /// </exception>
    public void Segment(ReadOnlySpan<char> text, List<TextRange> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var state = new RunState(cancellationToken);
        Run(text, output, null, ref state);
    }

    private void Run(ReadOnlySpan<char> text, List<TextRange>? spans, List<int>? breaks, ref RunState state)
    {
        if (Options.Markup == MarkupMode.Html && text.Contains('<'))
        {
            RunWithMarkup(text, spans, breaks, ref state);
            return;
        }

        var scanners = _rules.Scanners;
        Span<int> next = scanners.Length <= 64 ? stackalloc int[scanners.Length] : new int[scanners.Length];
        for (var s = 0; s < scanners.Length; s++)
        {
            next[s] = scanners[s].Next(text, 1);
        }

        var segmentStart = 0;
        var lines = Options.LineBreaks != LineBreakMode.RulesOnly;
        var nextLine = lines ? NextLineBreak(text, 0) : int.MaxValue;
        while (true)
        {
            var p = int.MaxValue;
            foreach (var candidate in next)
            {
                p = Math.Min(p, candidate);
            }

            if (nextLine <= p && nextLine != int.MaxValue)
            {
                var line = nextLine;
                var after = TextLines.AfterLineBreak(text, line);
                nextLine = NextLineBreak(text, after);
                if (LineBreakEndsSegment(text, line, after))
                {
                    Emit(text, ref segmentStart, line, spans, breaks);
                }

                continue;
            }

            if (p == int.MaxValue)
            {
                break;
            }

            var admitted = false;
            for (var s = 0; s < scanners.Length; s++)
            {
                if (next[s] == p)
                {
                    admitted = admitted || scanners[s].Admits(text, p);
                    next[s] = scanners[s].Next(text, p + 1);
                }
            }

            if (admitted && Decide(text, p, ref state))
            {
                Emit(text, ref segmentStart, p, spans, breaks);
            }
        }

        Emit(text, ref segmentStart, text.Length, spans, null);
    }

    /// <summary>
    /// Segments the text without its tags, then maps each break back: the tags sitting at a
    /// break stay before it while they are of a kind the SRX <c>formathandle</c> includes in
    /// the preceding segment (SRX 2.0 §2.3.2), and the break falls before the first other one.
    /// </summary>
    private void RunWithMarkup(ReadOnlySpan<char> text, List<TextRange>? spans, List<int>? breaks, ref RunState state)
    {
        var plain = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length);
        var map = System.Buffers.ArrayPool<int>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            for (var i = 0; i < text.Length;)
            {
                var tagEnd = HtmlTags.TagEnd(text, i);
                if (tagEnd > i)
                {
                    i = tagEnd;
                    continue;
                }

                plain[length] = text[i];
                map[length] = i;
                length++;
                i++;
            }

            var plainBreaks = new List<int>();
            Run(plain.AsSpan(0, length), null, plainBreaks, ref state);
            var segmentStart = 0;
            foreach (var b in plainBreaks)
            {
                var position = b == 0 ? 0 : map[b - 1] + 1;
                var next = b < length ? map[b] : text.Length;
                while (position < next)
                {
                    var tagEnd = HtmlTags.TagEnd(text, position);
                    if (tagEnd <= position || !Includes(HtmlTags.KindOf(text[position..tagEnd])))
                    {
                        break;
                    }

                    position = tagEnd;
                }

                Emit(text, ref segmentStart, position, spans, breaks);
            }

            Emit(text, ref segmentStart, text.Length, spans, null);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(plain);
            System.Buffers.ArrayPool<int>.Shared.Return(map);
        }
    }

    private bool Includes(HtmlTagKind kind) => kind switch
    {
        HtmlTagKind.Start => _document.FormatHandle.IncludeStart,
        HtmlTagKind.End => _document.FormatHandle.IncludeEnd,
        _ => _document.FormatHandle.IncludeIsolated,
    };

    private bool Decide(ReadOnlySpan<char> text, int p, ref RunState state)
    {
        var lo = Math.Max(0, p - CompiledRuleSet.MaxRuleContext);
        var hi = Math.Min(text.Length, p + CompiledRuleSet.MaxRuleContext);
        var window = text[lo..hi];
        var runs = _rules.Runs;
        for (var r = 0; r < runs.Length; r++)
        {
            var run = runs[r];
            if (!CompiledRuleSet.AnyAdmits(run.Rules, text, p))
            {
                continue;
            }

            state.CancellationToken.ThrowIfCancellationRequested();
            if (state.Trouble?.RunTimedOut(r) != true)
            {
                try
                {
                    if (run.IsMatch(window, p - lo))
                    {
                        return run.Break;
                    }

                    continue;
                }
                catch (RegexMatchTimeoutException)
                {
                    (state.Trouble ??= new RuleTrouble()).MarkRun(r);
                }
            }

            if (MatchesAlone(run, r, window, p - lo, p, ref state))
            {
                return run.Break;
            }
        }

        return false;
    }

    /// <summary>
    /// After a run timed out (wall-clock time, so load alone can do it once), its rules are tried
    /// one by one, those that never timed out first: a sane rule grouped with a pathological one
    /// still decides, and the pathological one costs its timeout once per call, not per position.
    /// Only when the answer depends on a rule that times out alone (its second try) does the call
    /// fail, naming the rule; treating it as not matching would return a wrong segmentation.
    /// </summary>
    private bool MatchesAlone(RuleRun run, int r, ReadOnlySpan<char> window, int at, int p, ref RunState state)
    {
        var trouble = state.Trouble!;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var m = 0; m < run.Members.Length; m++)
            {
                if (trouble.MemberTimedOut(r, m) != (pass == 1))
                {
                    continue;
                }

                state.CancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (run.IsMatchAlone(m, window, at))
                    {
                        return true;
                    }
                }
                catch (RegexMatchTimeoutException ex)
                {
                    if (pass == 1)
                    {
                        throw RuleTimedOut(run.Members[m], p, ex);
                    }

                    trouble.MarkMember(r, m);
                }
            }
        }

        return false;
    }

    private TarjumaException RuleTimedOut(SrxRule rule, int p, RegexMatchTimeoutException inner)
    {
        var message = $"{_document.Describe(rule)} ran longer than {CompiledRuleSet.MatchTimeout.TotalMilliseconds:0} ms twice "
            + $"at offset {p}, so the break there cannot be decided; rewrite it without nested repeats such as (a+)+.";

        // A user's rule is a bad argument; a built-in one only times out on a starved machine.
        return BuiltInRules.IsBuiltIn(_document)
            ? new TarjumaException(ErrorKind.ResourceExhausted, "segmentation: built-in " + message, null, inner)
            : new TarjumaException(ErrorKind.InvalidArgument, "srx: " + message, "srx", inner);
    }

    /// <summary>One call's cancellation and, only after a timeout, which runs and rules timed out.</summary>
    private struct RunState(CancellationToken cancellationToken)
    {
        public readonly CancellationToken CancellationToken = cancellationToken;

        public RuleTrouble? Trouble;
    }

    private void Emit(ReadOnlySpan<char> text, ref int segmentStart, int end, List<TextRange>? spans, List<int>? breaks)
    {
        if (end <= segmentStart)
        {
            return;
        }

        breaks?.Add(end);
        if (spans is not null)
        {
            var start = segmentStart;
            var stop = end;
            if (Options.TrimWhitespace)
            {
                while (start < stop && char.IsWhiteSpace(text[start]))
                {
                    start++;
                }

                while (stop > start && char.IsWhiteSpace(text[stop - 1]))
                {
                    stop--;
                }
            }

            if (stop > start)
            {
                spans.Add(new TextRange(start, stop - start));
            }
        }

        segmentStart = end;
    }

    private static int NextLineBreak(ReadOnlySpan<char> text, int from)
    {
        if (from >= text.Length)
        {
            return int.MaxValue;
        }

        var hit = text[from..].IndexOfAny(TextLines.LineBreakChars);
        return hit < 0 ? int.MaxValue : from + hit;
    }

    /// <summary>Whether the line break at <paramref name="line"/> (ending at <paramref name="after"/>) ends a segment.</summary>
    private bool LineBreakEndsSegment(ReadOnlySpan<char> text, int line, int after)
    {
        // A blank line (only spaces between two line breaks) is a paragraph break: always a break.
        if (TextLines.BlankLineAfter(text, line) >= 0)
        {
            return true;
        }

        var j = after;
        while (j < text.Length && TextLines.IsHorizontalSpace(text[j]))
        {
            j++;
        }

        switch (Options.LineBreaks)
        {
            case LineBreakMode.EveryLine:
                return true;
            case LineBreakMode.BlankLineOnly:
                return false;
        }

        // Heuristic: a line ending without punctuation (a headline, a list item) ends a segment,
        // unless it is a soft wrap: spaces before the break and a lower-case letter after it
        // (the same test pragmatic_segmenter's cleaner applies).
        var k = line - 1;
        var trailingSpace = false;
        while (k >= 0 && TextLines.IsHorizontalSpace(text[k]))
        {
            k--;
            trailingSpace = true;
        }

        if (k < 0 || TextLines.IsLineBreak(text[k]))
        {
            return false;
        }

        if (trailingSpace && j < text.Length && char.IsLower(text[j]))
        {
            return false;
        }

        // A line that starts with a list marker is an item of its own, as CAT tools show them:
        // "Вазифаҳо:\n– сохтмон;\n– таъмир." is three segments.
        if (ListMarker.LengthAt(text, j) > 0)
        {
            return true;
        }

        var last = text[k];
        if (char.IsLetterOrDigit(last))
        {
            return true;
        }

        if (IsClosing(last) && k > 0 && char.IsLetterOrDigit(text[k - 1]))
        {
            return true;
        }

        // An item ending with ";" or a short line ending with a symbol that does not continue
        // the sentence ("… 5 %", "Нархҳо ↑"), followed by a line that opens with a capital: the
        // item or the headline is over.
        if (j >= text.Length || !char.IsUpper(text[j]))
        {
            return false;
        }

        var lineStart = k;
        while (lineStart > 0 && !TextLines.IsLineBreak(text[lineStart - 1]))
        {
            lineStart--;
        }

        if (ListMarker.LengthAt(text, SkipHorizontalSpace(text, lineStart)) > 0)
        {
            return true;
        }

        return k - lineStart < MaxHeadlineLength && !IsContinuation(last) && !IsSentenceFinal(last);
    }

    /// <summary>
    /// A line longer than this (UTF-16 code units) is running text, not a headline: news headlines
    /// in NTREX-128 and on khovar.tj stay under 120 characters.
    /// </summary>
    private const int MaxHeadlineLength = 150;

    private static int SkipHorizontalSpace(ReadOnlySpan<char> text, int from)
    {
        while (from < text.Length && TextLines.IsHorizontalSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    /// <summary>Punctuation after which the sentence goes on in the next line.</summary>
    private static bool IsContinuation(char c) => c is ',' or ':' or ';' or '-' or '–' or '—' or '(' or '[' or '«' or '“' or '„' or '/' or '&' or '+';

    /// <summary>Ends left to the SRX rules.</summary>
    private static bool IsSentenceFinal(char c) => c is '.' or '!' or '?' or '…';

    private static bool IsClosing(char c) => c is '"' or '\'' or '”' or '’' or '»' or ')' or ']' or '}';
}
