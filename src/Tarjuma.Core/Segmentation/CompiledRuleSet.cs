using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// The ordered SRX rules of one language, ready to run. Consecutive rules with the same
/// <c>break</c> value form a block; inside a block the order cannot change the answer, so its
/// rules are merged into one expression per afterbreak, <c>\G(?=A)(?&lt;=B1|B2|…)</c>, each with
/// a cheap pre-check of the characters next to the break. Across blocks the first rule that
/// matches decides (SRX 2.0 §2.5). Candidate positions come from <see cref="Scanners"/>,
/// derived from what the break rules can match.
/// </summary>
internal sealed class CompiledRuleSet
{
    /// <summary>
    /// Code units of context a rule sees on each side of a candidate break. Real rules look at
    /// a word or two; the bound keeps the work per candidate constant, so time stays linear in
    /// the text even for rules with unbounded repeats (a 10 MB line of dots).
    /// </summary>
    public const int MaxRuleContext = 256;

    /// <summary>
    /// Per-match timeout. Built-in rules cannot backtrack catastrophically; user rules might
    /// when the non-backtracking engine refuses them (lookarounds, backreferences, word
    /// boundaries). A timed-out run is retried rule by rule (<see cref="Segmenter"/>), and a
    /// rule that times out alone where the answer depends on it fails the call, naming the rule.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Up to this many rules, the merged expressions are compiled to IL (faster to run, slower to build).</summary>
    private const int CompileRuleLimit = 400;

    private CompiledRuleSet(RuleRun[] runs, Scanner[] scanners, int ruleCount)
    {
        Runs = runs;
        Scanners = scanners;
        RuleCount = ruleCount;
    }

    public RuleRun[] Runs { get; }

    public Scanner[] Scanners { get; }

    public int RuleCount { get; }

    /// <param name="document">The SRX document the rules come from.</param>
    /// <param name="rules">The rules in force, in order.</param>
    /// <param name="wordLists">
    /// Use <see cref="WordListFilter"/> for abbreviation-list rules (default); false keeps only
    /// the edge checks, so tests can prove both paths give the same breaks.
    /// </param>
    public static CompiledRuleSet Build(SrxDocument document, IReadOnlyList<SrxRule> rules, bool wordLists = true)
    {
        var options = RegexOptions.CultureInvariant | (rules.Count <= CompileRuleLimit ? RegexOptions.Compiled : RegexOptions.None);

        // Each rule's checks and each merged expression are independent of the others, so they are built on all
        // cores: building the built-in rules is most of a short `tarjuma segment` run, on one core (issue #12).
        var distinct = rules.Distinct().ToArray();
        var ruleChecks = InParallel(distinct, rule =>
        {
            var translated = document.Translated(rule);
            var words = wordLists ? WordListFilter.TryCreate(translated.BeforeBreak) : null;
            return EdgeCheckOptions(translated).Select(edges => new RuleChecks(edges, words)).ToArray();
        });
        var checks = new Dictionary<SrxRule, RuleChecks[]>();
        for (var i = 0; i < distinct.Length; i++)
        {
            checks[distinct[i]] = ruleChecks[i];
        }

        // The runs in order; a merged run's expression is compiled below, with the others.
        var planned = new List<(RuleRun? Linear, bool Break, SrxRule[] Members)>();
        var linear = !BuiltInRules.IsBuiltIn(document);
        var start = 0;
        while (start < rules.Count)
        {
            var end = start;
            while (end < rules.Count && rules[end].Break == rules[start].Break)
            {
                end++;
            }

            // Inside a block of same-valued rules order cannot change the answer, so rules are
            // grouped by afterbreak, one expression per group, each with its cheap pre-check.
            // User rules the non-backtracking engine accepts run alone on it, so no pattern of
            // theirs can cost more than linear time (built-in rules are audited: bounded repeats).
            var block = Enumerable.Range(start, end - start).Select(i => rules[i]).Distinct().ToList();
            foreach (var rule in block.ToList())
            {
                if (linear && TryLinear(document.Translated(rule), out var before, out var after))
                {
                    planned.Add((RuleRun.Linear(rule.Break, checks[rule], rule, before, after), rule.Break, [rule]));
                    block.Remove(rule);
                }
            }

            foreach (var group in block.GroupBy(r => document.Translated(r).AfterBreak, StringComparer.Ordinal))
            {
                planned.Add((null, rules[start].Break, group.ToArray()));
            }

            start = end;
        }

        // Rules after the last break rule can never change an answer.
        while (planned.Count > 0 && !planned[^1].Break)
        {
            planned.RemoveAt(planned.Count - 1);
        }

        var runs = InParallel([.. planned], plan => plan.Linear ?? RuleRun.Merged(
            plan.Break,
            [.. plan.Members.SelectMany(r => checks[r])],
            plan.Members,
            new Regex(MergedPattern(document, plan.Members), options, MatchTimeout),
            member => new Regex(MergedPattern(document, [member]), RegexOptions.CultureInvariant, MatchTimeout)));
        return new CompiledRuleSet(runs, BuildScanners(rules, checks), rules.Count);
    }

    /// <summary>
    /// <paramref name="build"/> of each item, on the thread pool, results in the items' order. An error is the first item's in
    /// that order, as thrown (not wrapped), as a build on one thread would throw it. Every item's result is the same whichever
    /// thread builds it: the shared set cache hands out one instance per key.
    /// </summary>
    private static TResult[] InParallel<TItem, TResult>(TItem[] items, Func<TItem, TResult> build)
    {
        var results = new TResult[items.Length];
        var errors = new Exception?[items.Length];
        Parallel.For(0, items.Length, i =>
        {
            try
            {
                results[i] = build(items[i]);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        if (Array.Find(errors, e => e is not null) is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        return results;
    }

    /// <summary><c>\G(?=A)(?&lt;=B1|B2|…)</c> for rules sharing the afterbreak A.</summary>
    private static string MergedPattern(SrxDocument document, SrxRule[] members)
    {
        var after = document.Translated(members[0]).AfterBreak;
        var sb = new StringBuilder(@"\G");

        var befores = members.Select(r => document.Translated(r).BeforeBreak).ToList();
        var lookbehind = new StringBuilder();
        if (befores.All(b => b.Length > 0))
        {
            lookbehind.Append("(?<=");
            for (var j = 0; j < befores.Count; j++)
            {
                lookbehind.Append(j > 0 ? "|" : string.Empty).Append("(?:").Append(befores[j]).Append(')');
            }

            lookbehind.Append(')');
        }

        var lookahead = after.Length > 0 ? "(?=(?:" + after + "))" : string.Empty;

        // Both are zero-width, so their order does not change the answer; the shorter one
        // (usually the more selective, e.g. "\s" against a long abbreviation list) goes first.
        if (lookahead.Length <= lookbehind.Length)
        {
            sb.Append(lookahead).Append(lookbehind);
        }
        else
        {
            sb.Append(lookbehind).Append(lookahead);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The rule on the non-backtracking engine, when it accepts both patterns and neither looks
    /// past the break (anchors and word boundaries would see the cut window's edge instead).
    /// </summary>
    internal static bool TryLinear(TranslatedRule rule, out Regex? before, out Regex? after)
    {
        before = null;
        after = null;
        if (LooksAcrossEdges(rule.BeforeBreak) || LooksAcrossEdges(rule.AfterBreak))
        {
            return false;
        }

        const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        try
        {
            before = rule.BeforeBreak.Length > 0 ? new Regex("(?:" + rule.BeforeBreak + @")\z", Options, MatchTimeout) : null;
            after = rule.AfterBreak.Length > 0 ? new Regex(@"\A(?:" + rule.AfterBreak + ")", Options, MatchTimeout) : null;
            return true;
        }
        catch (NotSupportedException)
        {
            // Lookarounds, backreferences, atomic groups, conditionals: the backtracking engine.
            before = null;
            after = null;
            return false;
        }
    }

    /// <summary>
    /// True when <paramref name="pattern"/> may hold an anchor or word boundary
    /// (<c>^ $ \b \B \A \z \Z \G</c>). Conservative: only the negating <c>^</c> right after
    /// <c>[</c> is skipped, so a literal <c>$</c> in a class is a false alarm, which costs speed only.
    /// </summary>
    internal static bool LooksAcrossEdges(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\' when i + 1 < pattern.Length:
                    i++;
                    if (pattern[i] is 'b' or 'B' or 'A' or 'z' or 'Z' or 'G')
                    {
                        return true;
                    }

                    break;
                case '^' when i > 0 && pattern[i - 1] == '[' && (i < 2 || pattern[i - 2] != '\\'):
                    break;
                case '^' or '$':
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Up to this many alternative check lists per rule (top-level alternatives of beforebreak
    /// times those of afterbreak); beyond it the rule gets one list for the whole.
    /// </summary>
    private const int MaxCheckOptions = 8;

    /// <summary>The rule's edge checks: it can match only where one of the lists holds.</summary>
    internal static IEnumerable<Check[]> EdgeCheckOptions(TranslatedRule t)
    {
        IReadOnlyList<PatternShape?> none = [null];
        var befores = t.BeforeBreak.Length > 0 ? PatternShape.AnalyseOptions(t.BeforeBreak, fromEnd: true, MaxCheckOptions) : none;
        var afters = t.AfterBreak.Length > 0 ? PatternShape.AnalyseOptions(t.AfterBreak, fromEnd: false, MaxCheckOptions) : none;
        if (befores.Count * afters.Count > MaxCheckOptions)
        {
            return [EdgeChecks(t)];
        }

        return befores.SelectMany(b => afters.Select(a => EdgeChecks(b, a)));
    }

    internal static Check[] EdgeChecks(TranslatedRule t) => EdgeChecks(
        t.BeforeBreak.Length > 0 ? PatternShape.Analyse(t.BeforeBreak, fromEnd: true) : null,
        t.AfterBreak.Length > 0 ? PatternShape.Analyse(t.AfterBreak, fromEnd: false) : null);

    private static Check[] EdgeChecks(PatternShape? before, PatternShape? after)
    {
        var checks = new List<Check>();
        if (before is { } shape)
        {
            for (var k = 0; k < PatternShape.Depth; k++)
            {
                if (shape.EdgeSets[k] is { } set)
                {
                    checks.Add(new Check(-1 - k, set));
                }
            }
        }

        if (after is { } afterShape)
        {
            for (var k = 0; k < PatternShape.Depth; k++)
            {
                if (afterShape.EdgeSets[k] is { } set)
                {
                    checks.Add(new Check(k, set));
                }
            }
        }

        return [.. checks];
    }

    private static Scanner[] BuildScanners(IReadOnlyList<SrxRule> rules, Dictionary<SrxRule, RuleChecks[]> checksByRule)
    {
        var groups = new Dictionary<(SearchValues<char>? Key, int Offset), List<RuleChecks>>();

        // Sets are shared (PatternShape caches them), and each cost walks all 65,536 code units: once per set.
        var costs = new Dictionary<SearchValues<char>, long>(ReferenceEqualityComparer.Instance);
        foreach (var ruleChecks in rules.Where(r => r.Break).Distinct().SelectMany(r => checksByRule[r]))
        {
            var checks = ruleChecks.Edges;
            var key = checks.Length == 0 ? default : checks.MinBy(c => costs.TryGetValue(c.Set, out var cost) ? cost : costs[c.Set] = Cost(c.Set));
            var id = (key.Set, key.Offset);
            if (!groups.TryGetValue(id, out var list))
            {
                list = [];
                groups[id] = list;
            }

            list.Add(ruleChecks);
        }

        // Keys at the same offset are merged into one set: one vectorised scan instead of
        // several that would each stop at the same characters.
        return [.. groups.GroupBy(g => (g.Key.Key is null, g.Key.Offset)).Select(byOffset => new Scanner(
            byOffset.Key.Item1 ? null : SearchValues.Create(UnionChars(byOffset.Select(g => g.Key.Key!))),
            byOffset.Key.Offset,
            [.. byOffset.SelectMany(g => g.Value)]))];
    }

    private static string UnionChars(IEnumerable<SearchValues<char>> sets)
    {
        var all = sets.ToList();
        var chars = new StringBuilder();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (all.Any(s => s.Contains((char)c)))
            {
                chars.Append((char)c);
            }
        }

        return chars.ToString();
    }

    /// <summary>True when some rule has all its edge characters at <paramref name="p"/>.</summary>
    internal static bool AnyAdmits(RuleChecks[] rules, ReadOnlySpan<char> text, int p)
    {
        foreach (var rule in rules)
        {
            var ok = true;
            foreach (var check in rule.Edges)
            {
                var i = p + check.Offset;
                if ((uint)i >= (uint)text.Length || !check.Set.Contains(text[i]))
                {
                    ok = false;
                    break;
                }
            }

            // The word lookup costs more than the edge checks, so it runs last.
            if (ok && (rule.Words is null || rule.Words.Admits(text, p)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Rough frequency of a set's characters in running text; the scan key is the rarest set.</summary>
    private static long Cost(SearchValues<char> set)
    {
        long cost = 0;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (set.Contains((char)c))
            {
                cost += c switch
                {
                    ' ' => 100_000,
                    _ when char.IsLetter((char)c) => 5_000,
                    _ when char.IsWhiteSpace((char)c) => 2_000,
                    _ when char.IsDigit((char)c) => 1_000,
                    _ => 1,
                };
            }
        }

        return cost;
    }

    /// <summary>Everything one rule needs at a position before its regex is worth running.</summary>
    internal sealed record RuleChecks(Check[] Edges, WordListFilter? Words);

    /// <summary>A character set the text must have at <c>p + Offset</c> for a break at <c>p</c>.</summary>
    internal readonly record struct Check(int Offset, SearchValues<char> Set);

    /// <summary>
    /// Finds positions where one group of break rules may match: <see cref="Key"/> at
    /// <see cref="Offset"/> from the break (null key: every position), then any rule's checks.
    /// </summary>
    internal sealed class Scanner(SearchValues<char>? key, int offset, RuleChecks[] rules)
    {
        public SearchValues<char>? Key { get; } = key;

        public int Offset { get; } = offset;

        /// <summary>The smallest break position p ≥ <paramref name="from"/> (0 &lt; p &lt; length) whose key matches.</summary>
        public int Next(ReadOnlySpan<char> text, int from)
        {
            if (Key is null)
            {
                return from < text.Length ? from : int.MaxValue;
            }

            var index = Math.Max(0, from + Offset);
            while (index < text.Length)
            {
                var hit = text[index..].IndexOfAny(Key);
                if (hit < 0)
                {
                    return int.MaxValue;
                }

                var p = index + hit - Offset;
                if (p >= text.Length)
                {
                    return int.MaxValue;
                }

                if (p >= Math.Max(from, 1))
                {
                    return p;
                }

                index += hit + 1;
            }

            return int.MaxValue;
        }

        /// <summary>True when some rule of the group has all its edge characters at <paramref name="p"/>.</summary>
        public bool Admits(ReadOnlySpan<char> text, int p) => AnyAdmits(rules, text, p);
    }
}
