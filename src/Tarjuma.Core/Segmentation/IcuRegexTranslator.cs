using System.Globalization;
using System.Text;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// Rewrites an SRX pattern (ICU or java.util.regex syntax, SRX 2.0 §2.4) into .NET syntax.
/// Most of the syntax is shared; this handles where they differ: <c>\x{…}</c>, <c>\Q…\E</c>,
/// <c>\h</c>/<c>\v</c>/<c>\R</c>, Java/POSIX property names, nested classes with union,
/// <c>&amp;&amp;</c> intersection and ICU <c>-[…]</c> difference, possessive quantifiers, and the
/// <c>(?u)</c>/<c>(?U)</c> flags. What has no .NET equivalent throws a
/// <see cref="FormatException"/> naming the construct.
/// </summary>
internal sealed class IcuRegexTranslator
{
    // Java \h (java.util.regex.Pattern): horizontal whitespace.
    private const string HorizontalSpace = @"\t \u00A0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000";

    // Java/ICU \v: vertical whitespace (not .NET's \v, which is only U+000B).
    private const string VerticalSpace = @"\n\x0B\f\r\u0085\u2028\u2029";

    private const string JavaAsciiSpace = @" \t\n\x0B\f\r";

    private readonly string _pattern;
    private readonly SrxRegexDialect _dialect;
    private readonly StringBuilder _out = new();
    private int _pos;
    private bool _unicodeClasses;

    private IcuRegexTranslator(string pattern, SrxRegexDialect dialect)
    {
        _pattern = pattern;
        _dialect = dialect;
        _unicodeClasses = dialect == SrxRegexDialect.Icu;
    }

    /// <summary>Translates <paramref name="pattern"/>; throws <see cref="FormatException"/> when unsupported.</summary>
    public static string Translate(string pattern, SrxRegexDialect dialect)
    {
        var translator = new IcuRegexTranslator(pattern, dialect);
        translator.TranslateSequence();
        return translator._out.ToString();
    }

    private void TranslateSequence()
    {
        var groupStarts = new Stack<int>();
        var lastAtomStart = -1;
        while (_pos < _pattern.Length)
        {
            var c = _pattern[_pos];
            switch (c)
            {
                case '\\':
                    lastAtomStart = _out.Length;
                    TranslateEscape();
                    break;
                case '[':
                    lastAtomStart = _out.Length;
                    _out.Append(TranslateClass());
                    break;
                case '(':
                    var groupStart = _out.Length;
                    if (TranslateGroupOpening())
                    {
                        groupStarts.Push(groupStart);
                    }

                    lastAtomStart = -1;
                    break;
                case ')':
                    _out.Append(')');
                    _pos++;
                    lastAtomStart = groupStarts.Count > 0 ? groupStarts.Pop() : -1;
                    break;
                case '*' or '+' or '?' or '{':
                    TranslateQuantifier(lastAtomStart);
                    break;
                default:
                    lastAtomStart = _out.Length;
                    _out.Append(c);
                    _pos++;
                    break;
            }
        }
    }

    private void TranslateQuantifier(int atomStart)
    {
        var start = _pos;
        if (_pattern[_pos] == '{')
        {
            var close = _pattern.IndexOf('}', _pos);
            if (close < 0 || !IsCountedQuantifier(_pattern.AsSpan(_pos + 1, close - _pos - 1)))
            {
                // A '{' that does not start a quantifier is a literal in ICU and Java.
                _out.Append(@"\{");
                _pos++;
                return;
            }

            _pos = close + 1;
        }
        else
        {
            _pos++;
        }

        _out.Append(_pattern, start, _pos - start);
        if (_pos < _pattern.Length && _pattern[_pos] == '?')
        {
            _out.Append('?');
            _pos++;
        }
        else if (_pos < _pattern.Length && _pattern[_pos] == '+')
        {
            // Possessive quantifier X*+ is the atomic group (?>X*) (Java Pattern docs).
            _pos++;
            if (atomStart < 0)
            {
                throw new FormatException("possessive quantifier without an operand");
            }

            _out.Insert(atomStart, "(?>");
            _out.Append(')');
        }
    }

    private static bool IsCountedQuantifier(ReadOnlySpan<char> inner)
    {
        if (inner.IsEmpty || !char.IsAsciiDigit(inner[0]))
        {
            return false;
        }

        foreach (var c in inner)
        {
            if (!char.IsAsciiDigit(c) && c != ',')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Translates a group opening; false when it was a whole flag group like <c>(?i)</c>.</summary>
    private bool TranslateGroupOpening()
    {
        if (_pos + 1 >= _pattern.Length || _pattern[_pos + 1] != '?')
        {
            _out.Append('(');
            _pos++;
            return true;
        }

        // Inline flags: (?idmsuxU-idmsuxU) or (?flags:...). .NET has i, m, s, x (and n);
        // u (Unicode case folding) is always on in .NET, d (Unix lines) and U (Unicode classes)
        // have no flag of their own.
        var i = _pos + 2;
        var on = new StringBuilder();
        var off = new StringBuilder();
        var negative = false;
        while (i < _pattern.Length && (char.IsAsciiLetter(_pattern[i]) || _pattern[i] == '-'))
        {
            var f = _pattern[i];
            if (f == '-')
            {
                negative = true;
            }
            else if (f is 'i' or 'm' or 's' or 'x')
            {
                (negative ? off : on).Append(f);
            }
            else if (f == 'U')
            {
                _unicodeClasses = !negative || _dialect == SrxRegexDialect.Icu;
            }
            else if (f is not ('u' or 'd'))
            {
                throw new FormatException($"inline flag '{f}' is not supported");
            }

            i++;
        }

        if (i == _pos + 2 || i >= _pattern.Length || (_pattern[i] != ')' && _pattern[i] != ':'))
        {
            // Not a flag group: (?:, (?=, (?!, (?<=, (?<!, (?>, (?<name>: same in .NET.
            _out.Append("(?");
            _pos += 2;
            return true;
        }

        var flags = on.ToString() + (off.Length > 0 ? "-" + off : string.Empty);
        if (_pattern[i] == ')')
        {
            // (?i) applies to the rest of the enclosing group in both dialects.
            _out.Append(flags.Length > 0 ? "(?" + flags + ")" : string.Empty);
            _pos = i + 1;
            return false;
        }

        _out.Append("(?").Append(flags).Append(':');
        _pos = i + 1;
        return true;
    }

    private void TranslateEscape()
    {
        if (_pos + 1 >= _pattern.Length)
        {
            throw new FormatException("pattern ends with a backslash");
        }

        var e = _pattern[_pos + 1];
        switch (e)
        {
            case 'Q':
                AppendQuoted();
                return;
            case 'x' when _pos + 2 < _pattern.Length && _pattern[_pos + 2] == '{':
                AppendCodePoint(ReadBracedHex(), inClass: false);
                return;
            case 'h':
                _out.Append('[').Append(HorizontalSpace).Append(']');
                break;
            case 'H':
                _out.Append("[^").Append(HorizontalSpace).Append(']');
                break;
            case 'v':
                _out.Append('[').Append(VerticalSpace).Append(']');
                break;
            case 'V':
                _out.Append("[^").Append(VerticalSpace).Append(']');
                break;
            case 'R':
                _out.Append(@"(?:\r\n|[").Append(VerticalSpace).Append("])");
                break;
            case 'p' or 'P':
                _pos += 2;
                _out.Append(TranslateProperty(e == 'P', inClass: false));
                return;
            case 's' or 'S' or 'd' or 'D' or 'w' or 'W' when !_unicodeClasses:
                _out.Append(JavaAsciiClass(e, inClass: false));
                break;
            case 'X' or 'N':
                throw new FormatException($"\\{e} is not supported");
            case 'Z':
                // ICU and Java \Z: end, or before a final line terminator; .NET \Z is the same for \n.
                _out.Append(@"\Z");
                break;
            default:
                _out.Append(EscapedLiteral(e));
                break;
        }

        _pos += 2;
    }

    /// <summary>
    /// Java and ICU read a backslash before any non-letter as that character itself (e.g.
    /// <c>\ظ</c>); .NET only accepts known escapes, so non-ASCII ones become <c>\uXXXX</c>.
    /// </summary>
    private static string EscapedLiteral(char e) =>
        e < 0x80 ? "\\" + e : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)e:X4}");

    private void AppendQuoted()
    {
        _pos += 2;
        var end = _pattern.IndexOf(@"\E", _pos, StringComparison.Ordinal);
        var literal = end < 0 ? _pattern[_pos..] : _pattern[_pos..end];
        _out.Append("(?:").Append(System.Text.RegularExpressions.Regex.Escape(literal)).Append(')');
        _pos = end < 0 ? _pattern.Length : end + 2;
    }

    private int ReadBracedHex()
    {
        var close = _pattern.IndexOf('}', _pos);
        if (close < 0)
        {
            throw new FormatException("unterminated \\x{");
        }

        var hex = _pattern.AsSpan(_pos + 3, close - _pos - 3);
        if (!int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) || value > 0x10FFFF)
        {
            throw new FormatException($"bad code point \\x{{{hex.ToString()}}}");
        }

        _pos = close + 1;
        return value;
    }

    private void AppendCodePoint(int value, bool inClass)
    {
        if (value <= 0xFFFF)
        {
            _out.Append(CultureInfo.InvariantCulture, $"\\u{value:X4}");
            return;
        }

        if (inClass)
        {
            throw new FormatException("a supplementary code point inside a character class is not supported (.NET classes hold UTF-16 units)");
        }

        var s = char.ConvertFromUtf32(value);
        _out.Append(CultureInfo.InvariantCulture, $"(?:\\u{(int)s[0]:X4}\\u{(int)s[1]:X4})");
    }

    private static string JavaAsciiClass(char e, bool inClass)
    {
        var body = char.ToLowerInvariant(e) switch
        {
            's' => JavaAsciiSpace,
            'd' => "0-9",
            _ => "a-zA-Z0-9_",
        };
        var negated = char.IsUpper(e);
        if (inClass && !negated)
        {
            return body;
        }

        return (negated ? "[^" : "[") + body + "]";
    }

    /// <summary>Reads <c>{Name}</c> or a one-letter name after <c>\p</c>; returns a .NET fragment.</summary>
    private string TranslateProperty(bool negated, bool inClass)
    {
        string name;
        if (_pos < _pattern.Length && _pattern[_pos] == '{')
        {
            var close = _pattern.IndexOf('}', _pos);
            if (close < 0)
            {
                throw new FormatException("unterminated \\p{");
            }

            name = _pattern[(_pos + 1)..close];
            _pos = close + 1;
        }
        else if (_pos < _pattern.Length)
        {
            name = _pattern[_pos].ToString();
            _pos++;
        }
        else
        {
            throw new FormatException("\\p without a property name");
        }

        var body = PropertyBody(name.Trim());
        if (inClass && !negated)
        {
            return body;
        }

        if (inClass)
        {
            // A negated property inside a class: only expressible when it maps to \P{..}.
            if (body.StartsWith(@"\p{", StringComparison.Ordinal) && body.IndexOf('}', StringComparison.Ordinal) == body.Length - 1)
            {
                return @"\P" + body[2..];
            }

            throw new FormatException($"negated property \\P{{{name}}} inside a character class is not supported");
        }

        return (negated ? "[^" : "[") + body + "]";
    }

    private static string PropertyBody(string name)
    {
        // General categories pass through: \p{Lu}, \p{L}, \p{Pe}, also as IsLu / gc=Lu.
        var n = name;
        if (n.StartsWith("gc=", StringComparison.OrdinalIgnoreCase) || n.StartsWith("General_Category=", StringComparison.OrdinalIgnoreCase))
        {
            n = n[(n.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        if (IsGeneralCategory(n))
        {
            return @"\p{" + n + "}";
        }

        if (n.StartsWith("Is", StringComparison.Ordinal) && IsGeneralCategory(n[2..]))
        {
            return @"\p{" + n[2..] + "}";
        }

        return n switch
        {
            "L&" or "LC" => @"\p{Lu}\p{Ll}\p{Lt}",
            // POSIX classes as java.util.regex defines them (US-ASCII only).
            "Lower" => "a-z",
            "Upper" => "A-Z",
            "ASCII" => @"\x00-\x7F",
            "Alpha" => "a-zA-Z",
            "Digit" => "0-9",
            "Alnum" => "a-zA-Z0-9",
            "Punct" => @"!-/:-@\[-`{-~",
            "Graph" => @"!-~",
            "Print" => @" -~",
            "Blank" => @" \t",
            "Cntrl" => @"\x00-\x1F\x7F",
            "XDigit" => "0-9a-fA-F",
            "Space" => @" \t\n\x0B\f\r",
            "javaLowerCase" => @"\p{Ll}",
            "javaUpperCase" => @"\p{Lu}",
            "javaWhitespace" => @"\t\n\x0B\f\r\x1C-\x1F\p{Zs}\p{Zl}\p{Zp}-[\u00A0\u2007\u202F]",
            "javaLetter" or "IsAlphabetic" or "Alphabetic" or "IsLetter" => @"\p{L}\p{Nl}",
            "IsPunctuation" or "Punctuation" => @"\p{P}",
            "IsWhite_Space" or "IsWhiteSpace" or "WhiteSpace" or "White_Space" => @"\s",
            "IsDigit" => @"\p{Nd}",
            "IsUppercase" or "Uppercase" => @"\p{Lu}",
            "IsLowercase" or "Lowercase" => @"\p{Ll}",
            // Scripts (Java IsX / ICU script names) approximated by their main blocks.
            "IsCyrillic" or "InCyrillic" or "Cyrillic" or "sc=Cyrl" or "Cyrl" => @"\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F",
            "IsLatin" or "Latin" or "InBasicLatin" or "sc=Latn" or "Latn" => @"A-Za-z\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF",
            "IsGreek" or "InGreek" or "Greek" => @"\u0370-\u03FF\u1F00-\u1FFF",
            "IsArabic" or "InArabic" or "Arabic" => @"\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF",
            "IsHan" or "Han" => @"\u2E80-\u2FDF\u3005\u3007\u3021-\u3029\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF",
            "IsHiragana" or "InHiragana" or "Hiragana" => @"\u3040-\u309F",
            "IsKatakana" or "InKatakana" or "Katakana" => @"\u30A0-\u30FF\u31F0-\u31FF\uFF66-\uFF9F",
            _ when n.StartsWith("In", StringComparison.Ordinal) && n.Length > 2 => @"\p{Is" + n[2..] + "}",
            _ => throw new FormatException($"Unicode property \\p{{{name}}} is not supported"),
        };
    }

    private static bool IsGeneralCategory(string n) => n is "L" or "Lu" or "Ll" or "Lt" or "Lm" or "Lo"
        or "M" or "Mn" or "Mc" or "Me" or "N" or "Nd" or "Nl" or "No"
        or "P" or "Pc" or "Pd" or "Ps" or "Pe" or "Pi" or "Pf" or "Po"
        or "S" or "Sm" or "Sc" or "Sk" or "So" or "Z" or "Zs" or "Zl" or "Zp"
        or "C" or "Cc" or "Cf" or "Cs" or "Co" or "Cn";

    /// <summary>
    /// Translates a character class starting at <c>[</c> into a .NET expression matching one
    /// UTF-16 unit: a plain class when possible, otherwise a group built from union (nested
    /// classes), intersection (<c>&amp;&amp;</c>) and difference (<c>-[…]</c>).
    /// </summary>
    private string TranslateClass()
    {
        _pos++; // '['
        var negated = false;
        if (_pos < _pattern.Length && _pattern[_pos] == '^')
        {
            negated = true;
            _pos++;
        }

        var body = new StringBuilder();
        var unions = new List<string>();
        string? intersectWith = null;
        string? subtract = null;
        var first = true;
        while (true)
        {
            if (_pos >= _pattern.Length)
            {
                throw new FormatException("unterminated character class");
            }

            var c = _pattern[_pos];
            if (c == ']' && !first)
            {
                _pos++;
                break;
            }

            first = false;
            if (c == '[' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] == ':')
            {
                var close = _pattern.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
                if (close > 0)
                {
                    var posix = _pattern[(_pos + 2)..close];
                    var neg = posix.StartsWith('^');
                    var bare = posix.TrimStart('^');
                    var fragment = PropertyBody(char.ToUpperInvariant(bare[0]) + bare[1..]);
                    if (neg)
                    {
                        unions.Add("[^" + fragment + "]");
                    }
                    else
                    {
                        body.Append(fragment);
                    }

                    _pos = close + 2;
                    continue;
                }
            }

            if (c == '[')
            {
                unions.Add(TranslateClass());
                continue;
            }

            if (c == '&' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] == '&')
            {
                _pos += 2;
                // The right operand runs to the end of this class (Java: lowest precedence).
                intersectWith = TranslateClassRemainder();
                break;
            }

            if (c == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] == '[' && body.Length + unions.Count > 0)
            {
                // ICU set difference [A-[B]] (also .NET's syntax).
                _pos++;
                subtract = TranslateClass();
                continue;
            }

            if (c == '\\')
            {
                body.Append(TranslateClassEscape());
                continue;
            }

            if (c == '[' || c == ']')
            {
                body.Append('\\').Append(c);
            }
            else
            {
                body.Append(c);
            }

            _pos++;
        }

        var simple = body.Length > 0 ? "[" + body + (subtract is not null ? "-" + AsClassForSubtraction(subtract) : string.Empty) + "]" : null;
        string expression;
        if (unions.Count == 0)
        {
            expression = simple ?? (subtract is not null ? throw new FormatException("empty class before -[") : "[^\\s\\S]");
        }
        else
        {
            var parts = new List<string>();
            if (simple is not null)
            {
                parts.Add(simple);
            }

            parts.AddRange(unions);
            expression = parts.Count == 1 ? parts[0] : "(?:" + string.Join('|', parts) + ")";
        }

        if (intersectWith is not null)
        {
            // [A&&[^B]] → [A-[B]] when both are plain classes, else a one-character lookahead.
            if (IsPlainClass(expression) && intersectWith.StartsWith("[^", StringComparison.Ordinal) && IsPlainClass(intersectWith))
            {
                expression = expression[..^1] + "-[" + intersectWith[2..^1] + "]]";
            }
            else
            {
                expression = "(?:(?=" + intersectWith + ")" + expression + ")";
            }
        }

        if (negated)
        {
            expression = IsPlainClass(expression) && !expression.StartsWith("[^", StringComparison.Ordinal)
                ? "[^" + expression[1..]
                : "(?:(?!" + expression + ")[\\s\\S])";
        }

        return expression;
    }

    private static string AsClassForSubtraction(string cls) =>
        IsPlainClass(cls) ? cls : throw new FormatException("set difference with a complex class is not supported");

    private static bool IsPlainClass(string expression)
    {
        if (expression.Length < 2 || expression[0] != '[' || expression[^1] != ']')
        {
            return false;
        }

        // Plain when no unescaped '[' occurs inside (no .NET subtraction already present).
        for (var i = 1; i < expression.Length - 1; i++)
        {
            if (expression[i] == '\\')
            {
                i++;
            }
            else if (expression[i] == '[')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses the rest of a class after <c>&amp;&amp;</c> up to its closing bracket.</summary>
    private string TranslateClassRemainder()
    {
        // Re-enter the class parser on a synthetic "[...]" view of the remainder.
        if (_pos < _pattern.Length && _pattern[_pos] == '[')
        {
            var nested = TranslateClass();
            if (_pos < _pattern.Length && _pattern[_pos] == ']')
            {
                _pos++;
                return nested;
            }

            throw new FormatException("complex intersection operand is not supported");
        }

        var body = new StringBuilder();
        while (_pos < _pattern.Length && _pattern[_pos] != ']')
        {
            if (_pattern[_pos] == '\\')
            {
                body.Append(TranslateClassEscape());
            }
            else
            {
                body.Append(_pattern[_pos]);
                _pos++;
            }
        }

        _pos++;
        return "[" + body + "]";
    }

    private string TranslateClassEscape()
    {
        if (_pos + 1 >= _pattern.Length)
        {
            throw new FormatException("class ends with a backslash");
        }

        var e = _pattern[_pos + 1];
        switch (e)
        {
            case 'x' when _pos + 2 < _pattern.Length && _pattern[_pos + 2] == '{':
                {
                    var saved = _out.Length;
                    AppendCodePoint(ReadBracedHex(), inClass: true);
                    var text = _out.ToString(saved, _out.Length - saved);
                    _out.Length = saved;
                    return text;
                }

            case 'h':
                _pos += 2;
                return HorizontalSpace;
            case 'v':
                _pos += 2;
                return VerticalSpace;
            case 'H' or 'V':
                throw new FormatException($"\\{e} inside a character class is not supported");
            case 'p' or 'P':
                _pos += 2;
                return TranslateProperty(e == 'P', inClass: true);
            case 's' or 'd' or 'w' when !_unicodeClasses:
                _pos += 2;
                return JavaAsciiClass(e, inClass: true);
            case 'S' or 'D' or 'W' when !_unicodeClasses:
                throw new FormatException($"\\{e} inside a character class is not supported in Java mode");
            case 'Q':
                {
                    _pos += 2;
                    var end = _pattern.IndexOf(@"\E", _pos, StringComparison.Ordinal);
                    var literal = end < 0 ? _pattern[_pos..] : _pattern[_pos..end];
                    _pos = end < 0 ? _pattern.Length : end + 2;
                    var sb = new StringBuilder();
                    foreach (var ch in literal)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
                    }

                    return sb.ToString();
                }

            default:
                _pos += 2;
                return EscapedLiteral(e);
        }
    }
}
