namespace Tarjuma.Client;

/// <summary>How an XLIFF file is pre-translated (see <c>PretranslateXliffRequest</c> in protos/tarjuma/v1/documents.proto).</summary>
/// <param name="Memory">The memory whose matches are offered and filled in.</param>
public sealed record XliffPretranslateOptions(string Memory)
{
    /// <summary>Lowest score offered as a candidate (1-101); null for the server's default, 70.</summary>
    public int? MinScore { get; init; }

    /// <summary>Lowest score written into an empty target (1-101); null for the server's default, 100.</summary>
    public int? FillMinScore { get; init; }

    /// <summary>Candidates per segment at most (1-50); null for the server's default, 3.</summary>
    public int? MaxCandidates { get; init; }

    /// <summary>Also replace targets that already have content. Default false: only empty targets are filled.</summary>
    public bool Overwrite { get; init; }
}
