namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>
/// Finds abbreviations in a body of text by the type-based method of Punkt (Kiss &amp; Strunk
/// 2006, "Unsupervised Multilingual Sentence Boundary Detection", Computational Linguistics
/// 32(4), §3): a word type that ends in a period far more often than chance, is short, and is
/// rarely seen without the period is an abbreviation.
/// </summary>
/// <remarks>
/// For a type w with C(w,•) occurrences with a final period and C(w,¬•) without, among N tokens
/// of which C(•) end in a period, with p = C(•)/N, Dunning's (1993) log-likelihood ratio of
/// H0 "P(• | w) = p" against Punkt's HA "P(• | w) = 0.99" is
/// <code>
///   log λ = −2 · ( C(w,•)·ln p + C(w,¬•)·ln(1 − p) − C(w,•)·ln 0.99 − C(w,¬•)·ln 0.01 )
/// </code>
/// scaled as in Kiss &amp; Strunk §3.2 (and NLTK's <c>PunktTrainer</c>) by
/// <c>F_length = e^(−len)</c> (len: letters, inner periods not counted), <c>F_periods = inner
/// periods + 1</c> and <c>F_penalty = len^(−C(w,¬•))</c>. A type is an abbreviation when
/// <c>log λ · F_length · F_periods · F_penalty ≥ 0.3</c>
/// (<see cref="AbbreviationLearnerOptions.Threshold"/>) and, our addition, when its periods are
/// mostly followed by what cannot open a sentence: a lower-case word, a number, inner
/// punctuation, or a name (Punkt's orthographic evidence, §4.1.2).
/// Pure and deterministic: the result is ordered by score, then text.
/// </remarks>
public static class AbbreviationLearner
{
    /// <summary>Punkt's alternative hypothesis: an abbreviation is followed by a period 99 % of the time.</summary>
    private const double AbbreviationPeriodProbability = 0.99;

    /// <summary>The abbreviations in <paramref name="counts"/>, best first.</summary>
    public static IReadOnlyList<LearnedAbbreviation> Learn(AbbreviationCounts counts, AbbreviationLearnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= new AbbreviationLearnerOptions();
        options.Validate();
        var n = counts.Tokens;
        var periods = counts.PeriodTokens;
        if (periods == 0 || periods >= n)
        {
            return [];
        }

        var p = (double)periods / n;
        var learned = new List<LearnedAbbreviation>();
        foreach (var (text, type) in counts.Types)
        {
            if (type.WithPeriod < options.MinWithPeriod)
            {
                continue;
            }

            var innerPeriods = text.AsSpan().Count('.');
            var letters = text.Length - innerPeriods;
            if (letters > options.MaxLetters)
            {
                continue;
            }

            var score = Score(type.WithPeriod, type.WithoutPeriod, p, letters, innerPeriods);
            if (score < options.Threshold)
            {
                continue;
            }

            var share = ContinuationShare(type);
            if (share >= options.MinContinuationShare)
            {
                learned.Add(new LearnedAbbreviation(text, score, type.WithPeriod, type.WithoutPeriod, share));
            }
        }

        learned.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var c && c != 0 ? c : string.CompareOrdinal(a.Text, b.Text));
        return learned;
    }

    /// <summary>The scaled log-likelihood of the remarks above.</summary>
    internal static double Score(int withPeriod, int withoutPeriod, double p, int letters, int innerPeriods)
    {
        var nullHypothesis = (withPeriod * Math.Log(p)) + (withoutPeriod * Math.Log(1 - p));
        var alternative = (withPeriod * Math.Log(AbbreviationPeriodProbability)) + (withoutPeriod * Math.Log(1 - AbbreviationPeriodProbability));
        var logLambda = -2 * (nullHypothesis - alternative);
        var length = Math.Exp(-letters);
        var periodFactor = innerPeriods + 1;
        var penalty = Math.Pow(letters, -withoutPeriod);
        return logLambda * length * periodFactor * penalty;
    }

    private static double ContinuationShare(TypeCounts type)
    {
        var namesInSample = 0;
        foreach (var follower in type.CapitalisedFollowers)
        {
            if (follower.IsName)
            {
                namesInSample++;
            }
        }

        // Followers beyond the kept sample count as names in the sample's proportion.
        var sampled = type.CapitalisedFollowers.Count;
        var names = sampled == 0 ? 0 : (double)namesInSample / sampled * type.CapitalisedFollowerCount;
        var evidence = type.FollowedByContinuation + names;
        return Math.Min(1, evidence / type.WithPeriod);
    }
}
