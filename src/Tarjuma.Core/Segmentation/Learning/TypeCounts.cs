namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>What <see cref="AbbreviationCounts"/> saw of one word type (case-folded, without a final period).</summary>
internal sealed class TypeCounts
{
    /// <summary>
    /// At most this many capitalised words after the type's periods are kept to test whether they
    /// are names: enough for the share, and a bound on memory for a very frequent type.
    /// </summary>
    public const int MaxCapitalisedFollowers = 256;

    /// <summary>Occurrences with a final period, C(w, •).</summary>
    public int WithPeriod { get; set; }

    /// <summary>Occurrences without one, C(w, ¬•).</summary>
    public int WithoutPeriod { get; set; }

    /// <summary>Occurrences written in lower case.</summary>
    public int LowerCase { get; set; }

    /// <summary>Occurrences written capitalised inside a sentence (not after a period or at a line start).</summary>
    public int CapitalisedInside { get; set; }

    /// <summary>Periods of this type followed by a lower-case word, a number or a comma, colon or bracket.</summary>
    public int FollowedByContinuation { get; set; }

    /// <summary>Periods of this type followed by a capitalised word.</summary>
    public int CapitalisedFollowerCount { get; set; }

    /// <summary>Periods followed by a capitalised word (the first ones): the word's counts, to test at the end whether it is a name.</summary>
    public List<TypeCounts> CapitalisedFollowers { get; } = [];

    /// <summary>
    /// A name in the sense of Punkt's orthographic evidence (Kiss &amp; Strunk 2006, §4.1.2): seen
    /// capitalised inside sentences and never in lower case, so a capital after a period tells
    /// nothing about a sentence start.
    /// </summary>
    public bool IsName => CapitalisedInside > 0 && LowerCase == 0;
}
