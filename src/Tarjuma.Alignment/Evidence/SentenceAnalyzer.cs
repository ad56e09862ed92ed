using Tarjuma.Core.Matching;

namespace Tarjuma.Alignment.Evidence;

/// <summary>
/// Extracts <see cref="SentenceEvidence"/> from one sentence. The sentence is read by the matcher's
/// tokenizer (<see cref="TextAnalysis"/>), so numbers, dates, ordinals, URLs, e-mail addresses and
/// word joiners follow one set of rules in matching and alignment: Tajik <c>2,5</c> and
/// <c>10 000</c>, English <c>2.5</c> and <c>10,000</c> share a value key; "2024 100" is two numbers
/// in both. What is alignment's own: which tokens are evidence (anchors, names, cognates, Latin
/// tokens, stems, punctuation counts), weekday names and the Tajik speech dash.
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

    /// <summary>Calendar anchors (month 1–12, weekday 21–27) live in their own key range, apart from value keys.</summary>
    private const ulong CalendarKeyBase = 0xCA1E_0000_0000_0000UL;

    // Tajik weekdays count from Saturday (шанбе) as in Persian: якшанбе = one-after-Saturday = Sunday.
    private static readonly string[] TajikWeekdays = ["душанбе", "сешанбе", "чоршанбе", "панҷшанбе", "ҷумъа", "шанбе", "якшанбе"];

    private static readonly string[] EnglishWeekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static SentenceEvidence Analyze(string text, bool tajik, bool transliterate)
    {
        ArgumentNullException.ThrowIfNull(text);
        var convention = tajik ? NumberConvention.DecimalComma : NumberConvention.DecimalPoint;
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var anchors = new HashSet<ulong>();
        var names = new List<string>();
        var cognates = new List<string>();
        var latin = new HashSet<ulong>();
        var words = new HashSet<ulong>();
        int questions = 0, exclamations = 0, quotes = 0, parentheses = 0;
        var wordIndex = 0;
        foreach (var token in TextAnalysis.Tokenize(text, convention))
        {
            var span = text.AsSpan(token.Start, token.Length);
            switch (token.Kind)
            {
                case TokenKind.Word:
                    AddWord(span, token.Key, tajik, transliterate, wordIndex, stems, anchors, names, cognates, latin, words);
                    wordIndex++;
                    break;
                case TokenKind.Number:
                    anchors.Add(token.Key);
                    break;
                case TokenKind.Time:
                    // The value, and the hour on a 12-hour clock: "соати 6-и саҳар" writes the "6 a.m." of the English as a number.
                    anchors.Add(token.Key);
                    anchors.Add(TextAnalysis.NumberKey(((token.Minutes / 60) + 11) % 12 + 1));
                    break;
                case TokenKind.Ordinal:
                    // "12-ум", "12th" and a bare "12" are one anchor: translators turn ordinals into numbers and back.
                    anchors.Add(TextAnalysis.NumberKey(token.Ordinal));
                    break;
                case TokenKind.Date:
                    // The parts, not the whole: "30 апрели" and "April 30, 2024" still share the day and the month.
                    anchors.Add(CalendarKey(token.Month));
                    if (token.Day > 0)
                    {
                        anchors.Add(TextAnalysis.NumberKey(token.Day));
                    }

                    if (token.Year > 0)
                    {
                        anchors.Add(TextAnalysis.NumberKey(token.Year));
                    }

                    // The month name and "соли" stay words too: lexicon stems, and an English month is a capitalised name.
                    foreach (var word in Words(span))
                    {
                        AddWord(span.Slice(word.Start, word.Length), WordKey(span.Slice(word.Start, word.Length)), tajik, transliterate,
                            wordIndex, stems, anchors, names, cognates, latin, words);
                        wordIndex++;
                    }

                    break;
                case TokenKind.Url or TokenKind.Email:
                    latin.Add(token.Key);
                    words.Add(token.Key);
                    break;
                case TokenKind.Punctuation:
                    switch (span[0])
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

                    break;
            }
        }

        if (tajik && StartsWithSpeechDash(text))
        {
            // Tajik (like Russian) opens direct speech with a dash where English writes a pair of quotes.
            quotes += 2;
        }

        return new SentenceEvidence(CountNonSpace(text), [.. stems], Sorted(anchors), [.. names], [.. cognates], Sorted(latin), Sorted(words),
            new PunctuationCounts(questions, exclamations, quotes, parentheses));
    }

    /// <summary>Lexicon key of a word: lower-cased, first <see cref="StemLength"/> letters.</summary>
    public static string Stem(ReadOnlySpan<char> word)
    {
        var cut = word[..Math.Min(word.Length, StemLength)];
        return cut.ToString().ToLowerInvariant();
    }

    private static ulong[] Sorted(HashSet<ulong> keys)
    {
        var array = keys.ToArray();
        Array.Sort(array);
        return array;
    }

    /// <summary>The letter runs of a date token ("30-юми апрели соли 2024": "юми", "апрели", "соли"), as (start, length).</summary>
    private static List<(int Start, int Length)> Words(ReadOnlySpan<char> date)
    {
        var result = new List<(int Start, int Length)>(3);
        var i = 0;
        while (i < date.Length)
        {
            var start = i;
            while (i < date.Length && char.IsLetter(date[i]))
            {
                i++;
            }

            if (i > start)
            {
                result.Add((start, i - start));
            }
            else
            {
                i++;
            }
        }

        return result;
    }

    /// <summary>The key the tokenizer gives a word (a date's words are read as one date token, not as words).</summary>
    private static ulong WordKey(ReadOnlySpan<char> word) => TextAnalysis.Tokenize(word.ToString(), NumberConvention.DecimalPoint)[0].Key;

    private static ulong CalendarKey(int index) => CalendarKeyBase + (uint)index;

    private static void AddWord(
        ReadOnlySpan<char> word, ulong key, bool tajik, bool transliterate, int wordIndex, HashSet<string> stems, HashSet<ulong> anchors,
        List<string> names, List<string> cognates, HashSet<ulong> latin, HashSet<ulong> words)
    {
        var isLatin = char.IsAsciiLetter(word[0]);
        var lower = word.ToString().ToLowerInvariant();
        if (isLatin)
        {
            words.Add(key);
            if (tajik)
            {
                latin.Add(key);
            }
        }

        if (word.Length >= MinWordLength)
        {
            stems.Add(Stem(lower));
        }

        var calendar = CalendarIndex(word, lower, tajik, wordIndex);
        if (calendar > 0)
        {
            anchors.Add(CalendarKey(calendar));
        }

        if (transliterate && word.Length >= MinCognateLength && !char.IsUpper(word[0]) && cognates.Count < MaxCognatesPerSentence)
        {
            cognates.Add(tajik ? TajikTransliterator.ToLatin(word) : TajikTransliterator.Fold(word));
        }

        if (word.Length >= 3 && char.IsUpper(word[0]) && names.Count < MaxNamesPerSentence)
        {
            // Distinct keys: a repeated name is no more evidence, and must not crowd out the others under the cap.
            var name = tajik && !isLatin ? (transliterate ? TajikTransliterator.ToLatin(word) : null) : TajikTransliterator.Fold(word);
            if (name is not null && !names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }
    }

    /// <summary>A dash (hyphen, en or em dash) then a space at the start: the Tajik mark of direct speech.</summary>
    private static bool StartsWithSpeechDash(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart();
        return trimmed.Length > 1 && trimmed[0] is '-' or '–' or '—' && char.IsWhiteSpace(trimmed[1]);
    }

    /// <summary>
    /// A month named on its own (1–12, the names dates are read with: <see cref="TextAnalysis.MonthOf"/>) or a weekday
    /// (21–27); 0 for other words. A capitalised Tajik weekday inside a sentence is the city Душанбе; a sentence-initial
    /// English "May" is the verb.
    /// </summary>
    private static int CalendarIndex(ReadOnlySpan<char> word, string lower, bool tajik, int wordIndex)
    {
        var month = TextAnalysis.MonthOf(word);
        if (month > 0)
        {
            return !tajik && wordIndex == 0 && string.Equals(lower, "may", StringComparison.Ordinal) ? 0 : month;
        }

        if (tajik)
        {
            if (char.IsUpper(word[0]) && wordIndex > 0)
            {
                return 0;
            }

            var index = Array.IndexOf(TajikWeekdays, lower.EndsWith('и') ? lower[..^1] : lower);
            return index >= 0 ? 21 + index : 0;
        }

        var day = Array.IndexOf(EnglishWeekdays, lower);
        return day >= 0 ? 21 + day : 0;
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
