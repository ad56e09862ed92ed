using System.Globalization;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// What a lookup returns and how the score is computed. Built once and shared (immutable).
/// Penalties are in hundredths of one token edit: a word replaced, inserted or deleted costs 100,
/// so a penalty of 10 in a 10-token segment lowers the score by one point.
/// Score = ⌊100 · (1 − distance / max(W(query), W(source)))⌋ where W is the weighted length (the
/// cost of inserting every token: a word or placeable 100, a mark <see cref="PunctuationPenalty"/>,
/// a tag <see cref="TagInsertDeletePenalty"/>), capped at 99 unless the source equals the query
/// after NFC (100), or also its neighbours match (101).
/// </summary>
public sealed record MatchOptions
{
    /// <summary>The highest score: identical source and matching neighbours (in-context match).</summary>
    public const int InContextScore = 101;

    /// <summary>Most results one lookup may ask for.</summary>
    public const int MaxResultsLimit = 50;

    public static MatchOptions Default { get; } = new();

    /// <summary>Matches below this score are not returned (0–101). Default 70.</summary>
    public int MinScore { get; init; } = 70;

    /// <summary>At most this many matches (1–50). Default 5.</summary>
    public int MaxResults { get; init; } = 5;

    /// <summary>Two words that differ only in letter case. Default 10.</summary>
    public int CasePenalty { get; init; } = 10;

    /// <summary>Two words equal once Tajik letters typed as Russian ones (ҳ/х…) or look-alike letters are folded. Default 15.</summary>
    public int LetterVariantPenalty { get; init; } = 15;

    /// <summary>A punctuation mark inserted, deleted or replaced by another. Default 30.</summary>
    public int PunctuationPenalty { get; init; } = 30;

    /// <summary>The same mark or value written differently: « vs ", – vs -, "1 000" vs "1000". Default 5.</summary>
    public int VariantPenalty { get; init; } = 5;

    /// <summary>A number, date, URL or e-mail with another value (the suggestion is repaired). Default 30.</summary>
    public int PlaceablePenalty { get; init; } = 30;

    /// <summary>An inline tag with other content. Default 30.</summary>
    public int TagPenalty { get; init; } = 30;

    /// <summary>An inline tag inserted or deleted. Default 50.</summary>
    public int TagInsertDeletePenalty { get; init; } = 50;

    /// <summary>
    /// A block of tokens moved elsewhere (two clauses swapped), per move, on top of
    /// <see cref="MovedTokenPenalty"/>: a one-word move then costs 100, like a replaced word, and
    /// half of deleting and re-inserting it. At most one move is counted. Default 50.
    /// </summary>
    public int BlockMovePenalty { get; init; } = 50;

    /// <summary>
    /// Per token of the shorter of the two spans a move swaps, weighted like the length (a mark
    /// counts <see cref="PunctuationPenalty"/>/100 of a token): a quarter of the 200 that deleting
    /// and re-inserting it costs. Default 50.
    /// </summary>
    public int MovedTokenPenalty { get; init; } = 50;

    /// <summary>Whether a moved block is scored as a move (default) or as a deletion and an insertion (before issue #13).</summary>
    public bool BlockMoves { get; init; } = true;

    /// <summary>
    /// Most index candidates re-scored exactly per lookup. Candidates are scored best bound first
    /// and scoring stops as soon as no remaining bound can beat the results found, so this only
    /// caps lookups where many candidates look alike. More finds the true best match more often
    /// and costs time. Default 400.
    /// </summary>
    public int Candidates { get; init; } = 400;

    internal int CandidateCount => Math.Max(Candidates, MaxResults * 8);

    /// <summary>Throws <see cref="TarjumaException"/> (InvalidArgument) naming the bad field.</summary>
    public MatchOptions Validate()
    {
        if (MinScore is < 0 or > InContextScore)
        {
            throw TarjumaException.InvalidArgument("min_score", string.Create(CultureInfo.InvariantCulture, $"must be 0-101, not {MinScore}."));
        }

        if (MaxResults is < 1 or > MaxResultsLimit)
        {
            throw TarjumaException.InvalidArgument("max_results", string.Create(CultureInfo.InvariantCulture,
                $"must be 1-{MaxResultsLimit}, not {MaxResults}."));
        }

        foreach (var penalty in new[] { CasePenalty, LetterVariantPenalty, PunctuationPenalty, VariantPenalty, PlaceablePenalty, TagPenalty,
            TagInsertDeletePenalty, BlockMovePenalty, MovedTokenPenalty })
        {
            if (penalty is < 0 or > FuzzyScorer.EditCost)
            {
                throw TarjumaException.InvalidArgument("penalty", "penalties are 0-100 hundredths of an edit.");
            }
        }

        if (Candidates is < 1 or > 10_000)
        {
            throw TarjumaException.InvalidArgument("candidates", "must be 1-10000.");
        }

        return this;
    }
}
