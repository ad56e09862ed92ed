using System.Buffers;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// What a (translated, .NET) rule pattern can consume next to the break: the characters it may
/// end with (beforebreak) or start with (afterbreak), up to three positions deep. The segmenter
/// uses these to find candidate break positions with a vectorised scan instead of running every
/// rule at every character. Sets are conservative supersets: anything not understood widens
/// them (or drops the constraint), which costs speed, never correctness.
/// </summary>
internal sealed class PatternShape
{
    /// <summary>How many positions next to the break are analysed.</summary>
    public const int Depth = 3;

    /// <summary>An inline option group that may switch case-insensitivity on: (?i), (?mi:, (?-i) … (over-matching is harmless).</summary>
    private static readonly Regex InlineIgnoreCase = new(@"\(\?[a-zA-Z\-]*i[a-zA-Z\-]*[:)]", RegexOptions.CultureInvariant);

    private static readonly ConcurrentDictionary<string, SearchValues<char>> SetCache = new(StringComparer.Ordinal);

    private PatternShape(bool nullable, SearchValues<char>?[] edgeSets)
    {
        Nullable = nullable;
        EdgeSets = edgeSets;
    }

    /// <summary>True when the pattern can match the empty string.</summary>
    public bool Nullable { get; }

    /// <summary>
    /// For an afterbreak: the set of characters at offsets 0, 1, 2 after the break; for a
    /// beforebreak: at offsets 1, 2, 3 before it. Null where nothing is known.
    /// </summary>
    public SearchValues<char>?[] EdgeSets { get; }

    public static PatternShape Analyse(string dotnetPattern, bool fromEnd) => AnalyseOptions(dotnetPattern, fromEnd, maxOptions: 1)[0];

    /// <summary>
    /// One shape per top-level alternative (<c>A|B</c> matches where A or B does), so each can
    /// be checked on its own: <c>(?:\p{L}\.){2,6}|\p{Lu}\.</c> needs '.' three back, or a capital
    /// two back. More than <paramref name="maxOptions"/> alternatives: one shape for the whole.
    /// </summary>
    public static IReadOnlyList<PatternShape> AnalyseOptions(string dotnetPattern, bool fromEnd, int maxOptions)
    {
        Node root;
        try
        {
            root = new Parser(dotnetPattern).ParseAlternation();
        }
        catch (FormatException)
        {
            return [new PatternShape(nullable: true, new SearchValues<char>?[Depth])];
        }

        // Rules run without RegexOptions.IgnoreCase, so only an inline (?i) can widen a set by case.
        var ignoreCase = InlineIgnoreCase.IsMatch(dotnetPattern);
        List<Node> options = root is Alt alt && alt.Options.Count <= maxOptions ? alt.Options : [root];
        var variants = options.Select(Flatten).ToList();
        while (variants.Count < maxOptions && variants.FindIndex(v => EdgeChoices(v, fromEnd) is not null) is var i && i >= 0)
        {
            var choices = EdgeChoices(variants[i], fromEnd)!;
            if (variants.Count - 1 + choices.Count > maxOptions)
            {
                break;
            }

            variants.RemoveAt(i);
            variants.InsertRange(i, choices);
        }

        return [.. variants.Select(v => Analyse(new Seq(v), fromEnd, ignoreCase))];
    }

    /// <summary>
    /// The item sequence with its edge alternation or optional item spelled out, one sequence per
    /// choice (<c>x(?:\.\)?|\))</c> from the end: <c>x\.</c>, <c>x\.\)</c>, <c>x\)</c>); null if the edge is neither.
    /// </summary>
    private static List<List<Node>>? EdgeChoices(List<Node> items, bool fromEnd)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var index = fromEnd ? items.Count - 1 : 0;
        List<List<Node>> choices = items[index] switch
        {
            Alt a => [.. a.Options.Select(Flatten)],
            Rep { Min: 0, Max: 1 } r => [[], Flatten(r.Inner)],
            _ => [],
        };
        if (choices.Count == 0)
        {
            return null;
        }

        return [.. choices.Select(c =>
        {
            var variant = new List<Node>(items);
            variant.RemoveAt(index);
            variant.InsertRange(index, c);
            return variant;
        })];
    }

    private static PatternShape Analyse(Node root, bool fromEnd, bool ignoreCase)
    {
        var items = Flatten(root);
        var sets = new SearchValues<char>?[Depth];
        var consumed = 0;
        for (var k = 0; k < Depth && consumed < items.Count; k++)
        {
            UnrollEdgeRepeat(items, fromEnd ? items.Count - 1 - consumed : consumed, fromEnd);
            var rest = new Seq(fromEnd ? items.GetRange(0, items.Count - consumed) : items.GetRange(consumed, items.Count - consumed));
            if (IsNullable(rest))
            {
                break;
            }

            var atoms = fromEnd ? LastSet(rest) : FirstSet(rest);
            sets[k] = atoms is null ? null : Materialise(atoms, ignoreCase);
            var edge = fromEnd ? items[items.Count - 1 - consumed] : items[consumed];
            if (!IsSingleFixed(edge))
            {
                break;
            }

            consumed++;
        }

        return new PatternShape(IsNullable(root), sets);
    }

    /// <summary>
    /// A repeat of a fixed sequence that must occur at least once gives up one copy at the edge:
    /// <c>x{2,6}</c> is <c>x{1,5}x</c> read from the end (<c>x x{1,5}</c> from the start), so the
    /// analysis can go on into <c>(?:\p{L}\.){2,6}</c> or <c>\s+\(</c>. Same language, so sets stay exact supersets.
    /// </summary>
    private static void UnrollEdgeRepeat(List<Node> items, int index, bool fromEnd)
    {
        if (items[index] is not Rep { Min: >= 1 } rep || Flatten(rep.Inner) is not { Count: > 0 } body || !body.All(IsSingleFixed))
        {
            return;
        }

        var max = rep.Max == int.MaxValue ? int.MaxValue : rep.Max - 1;
        List<Node> remaining = max > 0 ? [new Rep(rep.Inner, rep.Min - 1, max)] : [];
        items.RemoveAt(index);
        items.InsertRange(index, fromEnd ? [.. remaining, .. body] : [.. body, .. remaining]);
    }

    private static List<Node> Flatten(Node node)
    {
        var list = new List<Node>();
        if (node is Seq seq)
        {
            foreach (var item in seq.Items)
            {
                if (item is Seq)
                {
                    list.AddRange(Flatten(item));
                }
                else if (item is not Zero)
                {
                    list.Add(item);
                }
            }
        }
        else if (node is not Zero)
        {
            list.Add(node);
        }

        return list;
    }

    private static bool IsSingleFixed(Node node) => node switch
    {
        Atom => true,
        Rep r => r.Min == 1 && r.Max == 1 && IsSingleFixed(r.Inner),
        Alt a => a.Options.All(IsSingleFixed),
        Seq s => Flatten(s) is { Count: 1 } only && IsSingleFixed(only[0]),
        _ => false,
    };

    private static bool IsNullable(Node node) => node switch
    {
        Atom or Unknown => false,
        Zero => true,
        Seq s => s.Items.All(IsNullable),
        Alt a => a.Options.Any(IsNullable),
        Rep r => r.Min == 0 || IsNullable(r.Inner),
        _ => true,
    };

    // Null = could be anything.
    private static List<string>? FirstSet(Node node)
    {
        switch (node)
        {
            case Atom a:
                return [a.Text];
            case Zero:
                return [];
            case Rep r:
                return FirstSet(r.Inner);
            case Alt alt:
                return Union(alt.Options.Select(FirstSet));
            case Seq s:
                {
                    var parts = new List<List<string>?>();
                    foreach (var item in s.Items)
                    {
                        parts.Add(FirstSet(item));
                        if (!IsNullable(item))
                        {
                            break;
                        }
                    }

                    return Union(parts);
                }

            default:
                return null;
        }
    }

    private static List<string>? LastSet(Node node)
    {
        switch (node)
        {
            case Atom a:
                return [a.Text];
            case Zero:
                return [];
            case Rep r:
                return LastSet(r.Inner);
            case Alt alt:
                return Union(alt.Options.Select(LastSet));
            case Seq s:
                {
                    var parts = new List<List<string>?>();
                    for (var i = s.Items.Count - 1; i >= 0; i--)
                    {
                        parts.Add(LastSet(s.Items[i]));
                        if (!IsNullable(s.Items[i]))
                        {
                            break;
                        }
                    }

                    return Union(parts);
                }

            default:
                return null;
        }
    }

    private static List<string>? Union(IEnumerable<List<string>?> parts)
    {
        var all = new List<string>();
        foreach (var part in parts)
        {
            if (part is null)
            {
                return null;
            }

            all.AddRange(part);
        }

        return all;
    }

    /// <summary>
    /// The UTF-16 units matched by any of <paramref name="atoms"/>, found by testing every unit
    /// against the atoms compiled with and without case-insensitivity.
    /// </summary>
    private static SearchValues<char> Materialise(List<string> atoms, bool ignoreCase)
    {
        var key = (ignoreCase ? "i" : "s") + string.Join('\u0001', atoms.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return SetCache.GetOrAdd(key, static k =>
        {
            // Both with and without IgnoreCase: the atom may sit under an inline (?i), and for a
            // negated class ignoring case makes the set smaller, not larger.
            var alternation = k[1..].Replace('\u0001', '|');
            var chars = SingleCharacterSets.Matching(alternation, RegexOptions.CultureInvariant);
            if (k[0] == 'i')
            {
                chars = string.Concat(chars, SingleCharacterSets.Matching(alternation, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
            }

            return SearchValues.Create(chars);
        });
    }

    private abstract record Node;

    private sealed record Atom(string Text) : Node;

    private sealed record Zero : Node;

    private sealed record Unknown : Node;

    private sealed record Seq(List<Node> Items) : Node;

    private sealed record Alt(List<Node> Options) : Node;

    private sealed record Rep(Node Inner, int Min, int Max) : Node;

    /// <summary>A small parser for the .NET syntax the translator emits.</summary>
    private sealed class Parser(string pattern)
    {
        private int _pos;

        public Node ParseAlternation()
        {
            var options = new List<Node> { ParseSequence() };
            while (_pos < pattern.Length && pattern[_pos] == '|')
            {
                _pos++;
                options.Add(ParseSequence());
            }

            return options.Count == 1 ? options[0] : new Alt(options);
        }

        private Seq ParseSequence()
        {
            var items = new List<Node>();
            while (_pos < pattern.Length && pattern[_pos] is not ('|' or ')'))
            {
                var item = ParseItem();
                items.Add(ParseQuantifier(item));
            }

            return new Seq(items);
        }

        private Node ParseQuantifier(Node item)
        {
            if (_pos >= pattern.Length)
            {
                return item;
            }

            int min, max;
            switch (pattern[_pos])
            {
                case '*':
                    (min, max) = (0, int.MaxValue);
                    _pos++;
                    break;
                case '+':
                    (min, max) = (1, int.MaxValue);
                    _pos++;
                    break;
                case '?':
                    (min, max) = (0, 1);
                    _pos++;
                    break;
                case '{':
                    {
                        var close = pattern.IndexOf('}', _pos);
                        var inner = close > 0 ? pattern[(_pos + 1)..close] : string.Empty;
                        var parts = inner.Split(',');
                        if (close < 0 || !int.TryParse(parts[0], out min))
                        {
                            return item;
                        }

                        max = parts.Length == 1 ? min : parts[1].Length == 0 ? int.MaxValue : int.Parse(parts[1],
                            System.Globalization.CultureInfo.InvariantCulture);
                        _pos = close + 1;
                        break;
                    }

                default:
                    return item;
            }

            if (_pos < pattern.Length && pattern[_pos] is '?' or '+')
            {
                _pos++;
            }

            return item is Zero ? item : new Rep(item, min, max);
        }

        private Node ParseItem()
        {
            var c = pattern[_pos];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    {
                        var start = _pos;
                        SkipClass();
                        return new Atom(pattern[start.._pos]);
                    }

                case '\\':
                    return ParseEscape();
                case '^' or '$':
                    _pos++;
                    return new Zero();
                default:
                    _pos++;
                    return new Atom(c == '.' ? "." : Regex.Escape(c.ToString()));
            }
        }

        private Node ParseEscape()
        {
            if (_pos + 1 >= pattern.Length)
            {
                throw new FormatException("trailing backslash");
            }

            var e = pattern[_pos + 1];
            var start = _pos;
            _pos += 2;
            switch (e)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return new Zero();
                case >= '1' and <= '9':
                    return new Unknown();
                case 'k':
                    SkipNamed();
                    return new Unknown();
                case 'p' or 'P':
                    if (_pos < pattern.Length && pattern[_pos] == '{')
                    {
                        _pos = pattern.IndexOf('}', _pos) + 1;
                    }
                    else
                    {
                        _pos++;
                    }

                    break;
                case 'u':
                    _pos += 4;
                    break;
                case 'x':
                    _pos += 2;
                    break;
                case 'c':
                    _pos += 1;
                    break;
                case '0':
                    while (_pos < pattern.Length && pattern[_pos] is >= '0' and <= '7' && _pos - start < 4)
                    {
                        _pos++;
                    }

                    break;
            }

            return new Atom(pattern[start.._pos]);
        }

        private void SkipNamed()
        {
            if (_pos < pattern.Length && pattern[_pos] is '<' or '\'' or '{')
            {
                var close = pattern[_pos] switch { '<' => '>', '{' => '}', _ => '\'' };
                _pos = pattern.IndexOf(close, _pos + 1) + 1;
            }
        }

        private void SkipClass()
        {
            _pos++; // [
            if (_pos < pattern.Length && pattern[_pos] == '^')
            {
                _pos++;
            }

            var first = true;
            while (_pos < pattern.Length)
            {
                var c = pattern[_pos];
                if (c == '\\')
                {
                    _pos += 2;
                }
                else if (c == '[' && !first)
                {
                    SkipClass();
                    continue;
                }
                else if (c == ']' && !first)
                {
                    _pos++;
                    return;
                }
                else
                {
                    _pos++;
                }

                first = false;
            }

            throw new FormatException("unterminated class");
        }

        private Node ParseGroup()
        {
            _pos++; // (
            var zeroWidth = false;
            if (_pos < pattern.Length && pattern[_pos] == '?')
            {
                _pos++;
                var c = _pos < pattern.Length ? pattern[_pos] : ')';
                if (c is '=' or '!')
                {
                    zeroWidth = true;
                    _pos++;
                }
                else if (c == '<' && _pos + 1 < pattern.Length && pattern[_pos + 1] is '=' or '!')
                {
                    zeroWidth = true;
                    _pos += 2;
                }
                else if (c is ':' or '>')
                {
                    _pos++;
                }
                else if (c is '<' or '\'')
                {
                    SkipNamed();
                }
                else if (c == '#')
                {
                    _pos = pattern.IndexOf(')', _pos) + 1;
                    return new Zero();
                }
                else if (c == '(')
                {
                    throw new FormatException("conditional");
                }
                else
                {
                    // Inline options: (?imsx-imsx) or (?imsx-imsx:...).
                    while (_pos < pattern.Length && (char.IsAsciiLetter(pattern[_pos]) || pattern[_pos] == '-'))
                    {
                        _pos++;
                    }

                    if (_pos < pattern.Length && pattern[_pos] == ')')
                    {
                        _pos++;
                        return new Zero();
                    }

                    _pos++; // ':'
                }
            }

            var inner = ParseAlternation();
            if (_pos >= pattern.Length || pattern[_pos] != ')')
            {
                throw new FormatException("unbalanced group");
            }

            _pos++;
            return zeroWidth ? new Zero() : inner;
        }
    }
}
