using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Xliff;

/// <summary>How an XLIFF file is leveraged against a memory. Built once, immutable.</summary>
public sealed record XliffLeverageOptions
{
    /// <summary>Lowest score offered as a candidate (<c>alt-trans</c> / <c>mtc:match</c>), 1–101. Default 70.</summary>
    public int MinScore { get; init; } = 70;

    /// <summary>Lowest score written into an empty target, 1–101. Default 100: exact and in-context matches only.</summary>
    public int FillMinScore { get; init; } = 100;

    /// <summary>Candidates per segment at most, 1–<see cref="MatchOptions.MaxResultsLimit"/>. Default 3.</summary>
    public int MaxCandidates { get; init; } = 3;

    /// <summary>Replace targets that already have content. Default false: a translator's work is never overwritten.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Throws naming the bad option; returns this for chaining.</summary>
    public XliffLeverageOptions Validate()
    {
        if (MinScore is < 1 or > MatchOptions.InContextScore)
        {
            throw TarjumaException.InvalidArgument("min_score", $"must be between 1 and {MatchOptions.InContextScore}, not {MinScore}.");
        }

        if (FillMinScore is < 1 or > MatchOptions.InContextScore)
        {
            throw TarjumaException.InvalidArgument("fill_min_score", $"must be between 1 and {MatchOptions.InContextScore}, not {FillMinScore}.");
        }

        if (MaxCandidates is < 1 or > MatchOptions.MaxResultsLimit)
        {
            throw TarjumaException.InvalidArgument("max_candidates", $"must be between 1 and {MatchOptions.MaxResultsLimit}, not {MaxCandidates}.");
        }

        return this;
    }
}
