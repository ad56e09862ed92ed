namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>How <see cref="AbbreviationLearner"/> decides. Immutable; the defaults are the documented ones.</summary>
public sealed record AbbreviationLearnerOptions
{
    /// <summary>
    /// Minimum Punkt score. Default 0.3, the value of Kiss &amp; Strunk (2006, §3.2) and of NLTK's
    /// <c>PunktTrainer.ABBREV</c>.
    /// </summary>
    public double Threshold { get; init; } = 0.3;

    /// <summary>
    /// Minimum occurrences with a final period. Default 2: one sighting is no habit, and the score
    /// of a one- or two-letter word seen once with a period already passes 0.3.
    /// </summary>
    public int MinWithPeriod { get; init; } = 2;

    /// <summary>
    /// Longest abbreviation in letters (internal periods not counted). Default 8; the length
    /// factor e^−length makes longer words fail anyway, this only saves the work.
    /// </summary>
    public int MaxLetters { get; init; } = 8;

    /// <summary>
    /// Minimum share of the type's periods followed by a lower-case word, a number, a name or
    /// inner punctuation (what the issue asks for: "followed by lower-case words, digits or names
    /// often enough"). Default 0.5: a short word that ends sentences (<c>шуд.</c>) is followed by
    /// a sentence opener, an abbreviation mostly is not.
    /// </summary>
    public double MinContinuationShare { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad property.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Threshold, nameof(Threshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinWithPeriod, 1, nameof(MinWithPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLetters, 1, nameof(MaxLetters));
        if (MinContinuationShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinContinuationShare), MinContinuationShare, "a share between 0 and 1 is required.");
        }
    }
}
