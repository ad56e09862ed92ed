namespace Tarjuma.Alignment.Evidence;

/// <summary>What one sentence offers as evidence, extracted once per sentence before the search.</summary>
internal sealed class SentenceEvidence
{
    public static SentenceEvidence Empty { get; } = new(0, [], [], [], [], [], [], default);

    public SentenceEvidence(int length, string[] stems, ulong[] anchors, string[] names, string[] cognates, ulong[] latin, ulong[] words,
        PunctuationCounts punctuation)
    {
        Length = length;
        Stems = stems;
        Anchors = anchors;
        Names = names;
        Cognates = cognates;
        Latin = latin;
        Words = words;
        Punctuation = punctuation;
    }

    /// <summary>Characters, not counting white space (Gale–Church count characters).</summary>
    public int Length { get; }

    /// <summary>Distinct lexicon keys (lower-cased, truncated stems) of the words.</summary>
    public string[] Stems { get; }

    /// <summary>Sorted distinct keys of numbers, ordinals, times and date parts (values, as <see cref="Tarjuma.Core.Matching.TextAnalysis"/> reads them),
    /// months and weekdays.</summary>
    public ulong[] Anchors { get; }

    /// <summary>Folded Latin keys of capitalised words (transliterated on the Tajik side).</summary>
    public string[] Names { get; }

    /// <summary>Folded Latin keys of long words (transliterated on the Tajik side): loanwords such as ваксина/vaccine.</summary>
    public string[] Cognates { get; }

    /// <summary>Sorted distinct keys of Latin-script words, URLs and e-mail addresses written inside Tajik text.</summary>
    public ulong[] Latin { get; }

    /// <summary>Sorted distinct keys of all Latin-script words, URLs and e-mail addresses, to find <see cref="Latin"/> in.</summary>
    public ulong[] Words { get; }

    public PunctuationCounts Punctuation { get; }
}

/// <summary>Punctuation that survives translation: ? ! quotation marks, parentheses.</summary>
internal readonly record struct PunctuationCounts(int Questions, int Exclamations, int Quotes, int Parentheses)
{
    public static PunctuationCounts operator +(PunctuationCounts a, PunctuationCounts b) =>
        new(a.Questions + b.Questions, a.Exclamations + b.Exclamations, a.Quotes + b.Quotes, a.Parentheses + b.Parentheses);

    public int Difference(PunctuationCounts other) =>
        Math.Abs(Questions - other.Questions) + Math.Abs(Exclamations - other.Exclamations)
        + Math.Min(2, Math.Abs(Quotes - other.Quotes)) + Math.Abs(Parentheses - other.Parentheses);
}
