namespace Tarjuma.Core.Matching;

/// <summary>The bands of a document analysis, in report order. The numbers are reported: never renumber.</summary>
public enum AnalysisBand
{
    /// <summary>The same text occurred earlier in the document.</summary>
    Repetition = 0,

    /// <summary>101: identical and the neighbours match too.</summary>
    InContext = 1,

    /// <summary>100: identical after NFC.</summary>
    Exact = 2,

    Fuzzy95To99 = 3,
    Fuzzy85To94 = 4,
    Fuzzy75To84 = 5,
    Fuzzy50To74 = 6,

    /// <summary>No match scoring 50 or more.</summary>
    NoMatch = 7,
}

/// <summary>One band of an analysis: segments, words and characters in it.</summary>
public sealed record AnalysisRow(AnalysisBand Band, int Segments, long Words, long Characters);

/// <summary>A document analysis: one row per band in <see cref="AnalysisBand"/> order, and the totals.</summary>
public sealed record AnalysisReport(IReadOnlyList<AnalysisRow> Rows)
{
    public int Segments => Rows.Sum(r => r.Segments);

    public long Words => Rows.Sum(r => r.Words);

    public long Characters => Rows.Sum(r => r.Characters);

    public AnalysisRow this[AnalysisBand band] => Rows[(int)band];
}

/// <summary>A segment of a document with its best match, if one reached the threshold.</summary>
public sealed record PretranslatedSegment(int Index, Model.SegmentText Source, MatchCandidate? Match);

/// <summary>The band names reported to users (gRPC <c>Band.name</c>, the CLI's analysis table): a contract.</summary>
public static class AnalysisBandNames
{
    public static string Name(this AnalysisBand band) => band switch
    {
        AnalysisBand.Repetition => "repetition",
        AnalysisBand.InContext => "101",
        AnalysisBand.Exact => "100",
        AnalysisBand.Fuzzy95To99 => "95-99",
        AnalysisBand.Fuzzy85To94 => "85-94",
        AnalysisBand.Fuzzy75To84 => "75-84",
        AnalysisBand.Fuzzy50To74 => "50-74",
        _ => "no-match",
    };
}
