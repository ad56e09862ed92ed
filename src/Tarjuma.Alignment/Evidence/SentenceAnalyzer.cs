using System.Globalization;
using System.Text;

namespace Tarjuma.Alignment.Evidence;

/// <summary>
/// Extracts <see cref="SentenceEvidence"/> from one sentence in a single left-to-right scan:
/// words (for the lexicon and names), numbers, months and weekdays, Latin tokens and URLs,
/// punctuation. Numbers are read by the side's convention: Tajik writes <c>2,5</c> and
/// <c>10 000</c>, English <c>2.5</c> and <c>10,000</c>; both become the key <c>2.5</c> / <c>10000</c>.
/// </summary>
internal static class SentenceAnalyzer
{
    /// <summary>Lexicon keys are the first letters of a word: a cheap stemmer for Tajik suffixes and English inflection.</summary>
    public const int StemLength = 5;

    /// <summary>Names kept per sentence; more is a list or a heading in capitals, not evidence worth the time.</summary>
    public const int MaxNamesPerSentence = 16;

    /// <summary>Long words compared as possible loanwords (cognates); shorter ones match by chance too often.</summary>
    public const int MinCognateLength = 6;

    /// <summary>Cognate keys kept per sentence: bounds the pairwise comparisons.</summary>
    public const int MaxCognatesPerSentence = 24;

    /// <summary>Words shorter than this are neither lexicon keys nor names (articles, particles).</summary>
    public const int MinWordLength = 2;

    private static readonly string[] TajikMonths =
        ["январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

    private static readonly string[] EnglishMonths =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    // Tajik weekdays count from Saturday (шанбе) as in Persian: якшанбе = one-after-Saturday = Sunday.
    private static readonly string[] TajikWeekdays = ["душанбе", "сешанбе", "чоршанбе", "панҷшанбе", "ҷумъа", "шанбе", "якшанбе"];

    private static readonly string[] EnglishWeekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static SentenceEvidence Analyze(string text, bool tajik, bool transliterate)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var anchors = new HashSet<int>();
        var names = new List<string>();
        var cognates = new List<string>();
        var latin = new HashSet<int>();
        var words = new HashSet<int>();
        int length = 0, questions = 0, exclamations = 0, quotes = 0, parentheses = 0;
        var wordIndex = 0;
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (!char.IsWhiteSpace(c))
            {
                length++;
            }

            if (char.IsAsciiDigit(c))
            {
                var end = ReadNumber(span, i, tajik, out var key);
                anchors.Add(Hash(key));
                length += CountNonSpace(span[(i + 1)..end]);
                i = end;
                continue;
            }

            if (char.IsLetter(c))
            {
                var end = i;
                while (end < span.Length && (char.IsLetterOrDigit(span[end]) || IsWordJoiner(span, end)))
                {
                    end++;
                }

                var word = span[i..end];
                if (IsUrlStart(span, i, end))
                {
                    end = i;
                    while (end < span.Length && !char.IsWhiteSpace(span[end]))
                    {
                        end++;
                    }

                    var url = span[i..end].TrimEnd(".,;:)\"”»");
                    end = i + url.Length;
                    latin.Add(Hash(url.ToString().ToLowerInvariant()));
                    words.Add(Hash(url.ToString().ToLowerInvariant()));
                }
                else
                {
                    AddWord(word, tajik, transliterate, wordIndex, stems, anchors, names, cognates, latin, words);
                    wordIndex++;
                }

                length += CountNonSpace(span[(i + 1)..end]);
                i = end;
                continue;
            }

            switch (c)
            {
                case '?':
                    questions++;
                    break;
                case '!':
                    exclamations++;
                    break;
                case '"' or '“' or '”' or '«' or '»' or '„':
                    quotes++;
                    break;
                case '(':
                    parentheses++;
                    break;
            }

            i++;
        }

        if (tajik && StartsWithSpeechDash(span))
        {
            // Tajik (like Russian) opens direct speech with a dash where English writes a pair of quotes.
            quotes += 2;
        }

        var anchorArray = anchors.ToArray();
        Array.Sort(anchorArray);
        var latinArray = latin.ToArray();
        Array.Sort(latinArray);
        var wordArray = words.ToArray();
        Array.Sort(wordArray);
        return new SentenceEvidence(length, [.. stems], anchorArray, [.. names], [.. cognates], latinArray, wordArray, new PunctuationCounts(questions, exclamations, quotes, parentheses));
    }

    /// <summary>Lexicon key of a word: lower-cased, first <see cref="StemLength"/> letters.</summary>
    public static string Stem(ReadOnlySpan<char> word)
    {
        var cut = word[..Math.Min(word.Length, StemLength)];
        return cut.ToString().ToLowerInvariant();
    }

    /// <summary>FNV-1a over UTF-16 code units: stable across runs, unlike string.GetHashCode.</summary>
    public static int Hash(ReadOnlySpan<char> text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }

    private static void AddWord(
        ReadOnlySpan<char> word, bool tajik, bool transliterate, int wordIndex, HashSet<string> stems, HashSet<int> anchors,
        List<string> names, List<string> cognates, HashSet<int> latin, HashSet<int> words)
    {
        var isLatin = char.IsAsciiLetter(word[0]);
        var lower = word.ToString().ToLowerInvariant();
        if (isLatin)
        {
            words.Add(Hash(lower));
            if (tajik)
            {
                latin.Add(Hash(lower));
            }
        }

        if (word.Length >= MinWordLength)
        {
            stems.Add(Stem(lower));
        }

        var calendar = CalendarIndex(lower, tajik, char.IsUpper(word[0]) && wordIndex > 0);
        if (calendar >= 0)
        {
            anchors.Add(Hash("@" + calendar.ToString(CultureInfo.InvariantCulture)));
        }

        if (transliterate && word.Length >= MinCognateLength && !char.IsUpper(word[0]) && cognates.Count < MaxCognatesPerSentence)
        {
            cognates.Add(tajik ? TajikTransliterator.ToLatin(word) : TajikTransliterator.Fold(word));
        }

        if (word.Length >= 3 && char.IsUpper(word[0]) && names.Count < MaxNamesPerSentence)
        {
            // Distinct keys: a repeated name is no more evidence, and must not crowd out the others under the cap.
            var key = tajik && !isLatin ? (transliterate ? TajikTransliterator.ToLatin(word) : null) : TajikTransliterator.Fold(word);
            if (key is not null && !names.Contains(key, StringComparer.Ordinal))
            {
                names.Add(key);
            }
        }
    }

    /// <summary>A dash (hyphen, en or em dash) then a space at the start: the Tajik mark of direct speech.</summary>
    private static bool StartsWithSpeechDash(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart();
        return trimmed.Length > 1 && trimmed[0] is '-' or '–' or '—' && char.IsWhiteSpace(trimmed[1]);
    }

    // Months are 0–11, weekdays 20–26; a capitalised Tajik weekday inside a sentence is the city Душанбе.
    private static int CalendarIndex(string lower, bool tajik, bool capitalisedInside)
    {
        if (tajik)
        {
            for (var m = 0; m < TajikMonths.Length; m++)
            {
                // "май" is also a word prefix elsewhere only rarely; the month names stand with suffixes (-и, -и соли).
                if (lower.StartsWith(TajikMonths[m], StringComparison.Ordinal) && lower.Length <= TajikMonths[m].Length + 2)
                {
                    return m;
                }
            }

            if (!capitalisedInside)
            {
                var index = Array.IndexOf(TajikWeekdays, lower.EndsWith('и') ? lower[..^1] : lower);
                return index >= 0 ? 20 + index : -1;
            }

            return -1;
        }

        var month = Array.IndexOf(EnglishMonths, lower);
        if (month >= 0)
        {
            return string.Equals(lower, "may", StringComparison.Ordinal) && !capitalisedInside ? -1 : month;
        }

        var day = Array.IndexOf(EnglishWeekdays, lower);
        return day >= 0 ? 20 + day : -1;
    }

    private static bool IsWordJoiner(ReadOnlySpan<char> span, int index) =>
        (span[index] == '-' || span[index] == '\'' || span[index] == '’')
        && index + 1 < span.Length && char.IsLetter(span[index + 1]) && index > 0 && char.IsLetter(span[index - 1]);

    private static bool IsUrlStart(ReadOnlySpan<char> span, int start, int end)
    {
        var word = span[start..end];
        if ((word.Equals("http", StringComparison.OrdinalIgnoreCase) || word.Equals("https", StringComparison.OrdinalIgnoreCase))
            && end + 2 < span.Length && span[end] == ':' && span[end + 1] == '/')
        {
            return true;
        }

        return word.Equals("www", StringComparison.OrdinalIgnoreCase) && end < span.Length && span[end] == '.';
    }

    /// <summary>Reads a number starting at <paramref name="start"/> and returns the index after it.</summary>
    private static int ReadNumber(ReadOnlySpan<char> span, int start, bool tajik, out string key)
    {
        var integer = new StringBuilder();
        var fraction = new StringBuilder();
        var i = start;
        var inFraction = false;
        while (i < span.Length)
        {
            var c = span[i];
            if (char.IsAsciiDigit(c))
            {
                (inFraction ? fraction : integer).Append(c);
                i++;
                continue;
            }

            if (inFraction || i + 1 >= span.Length || !char.IsAsciiDigit(span[i + 1]))
            {
                break;
            }

            var group = DigitRun(span, i + 1);
            var thousands = tajik
                ? c is ' ' or '\u00A0' or '\u202F' or '.' && group == 3
                : c is ',' or '\u00A0' or '\u202F' && group == 3;
            var decimalMark = tajik ? c is ',' || (c == '.' && group != 3) : c == '.';
            if (thousands)
            {
                i++;
            }
            else if (decimalMark)
            {
                inFraction = true;
                i++;
            }
            else
            {
                break;
            }
        }

        var fractionText = fraction.ToString().TrimEnd('0');
        var integerText = integer.ToString().TrimStart('0');
        key = fractionText.Length > 0 ? (integerText.Length == 0 ? "0" : integerText) + "." + fractionText : (integerText.Length == 0 ? "0" : integerText);
        return i;
    }

    private static int DigitRun(ReadOnlySpan<char> span, int start)
    {
        var end = start;
        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }

        return end - start;
    }

    private static int CountNonSpace(ReadOnlySpan<char> span)
    {
        var count = 0;
        foreach (var c in span)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }
}
