using System.Collections.Immutable;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Xliff;
using Proto = Tarjuma.Protos.V1;

namespace Tarjuma.CommandLine.Backends;

/// <summary>
/// What a server answered (the contract's messages, through Tarjuma.Client) as the commands' model.
/// The server already validated and normalised everything it sends, so nothing is re-checked here
/// beyond what the model's own types parse.
/// </summary>
internal static class RemoteResults
{
    /// <summary>The server's band names (documents.proto, <c>Band.name</c>) and the bands they are.</summary>
    private static readonly Dictionary<string, AnalysisBand> BandNames = new(StringComparer.Ordinal)
    {
        ["repetition"] = AnalysisBand.Repetition,
        ["101"] = AnalysisBand.InContext,
        ["100"] = AnalysisBand.Exact,
        ["95-99"] = AnalysisBand.Fuzzy95To99,
        ["85-94"] = AnalysisBand.Fuzzy85To94,
        ["75-84"] = AnalysisBand.Fuzzy75To84,
        ["50-74"] = AnalysisBand.Fuzzy50To74,
        ["no-match"] = AnalysisBand.NoMatch,
    };

    public static MemoryInfo ToMemory(Proto.Memory memory) => new()
    {
        Name = memory.Name,
        SourceLanguage = LanguageTag.Parse(memory.SourceLanguage, "source_language"),
        TargetLanguage = LanguageTag.Parse(memory.TargetLanguage, "target_language"),
        Description = memory.Description,
        CreatedAt = memory.CreatedAt?.ToDateTimeOffset() ?? default,
        UpdatedAt = memory.UpdatedAt?.ToDateTimeOffset() ?? default,
        UnitCount = memory.UnitCount,
    };

    public static ApiKey ToKey(Proto.ApiKeyInfo key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        IsAdmin = key.Admin,
        Grants = [.. key.Grants.Select((g, i) => KeyGrant.Parse(g, $"grants[{i}]"))],
        CreatedAt = key.CreatedAt?.ToDateTimeOffset() ?? default,
        RevokedAt = key.RevokedAt?.ToDateTimeOffset(),
    };

    public static TranslationUnit ToUnit(Proto.TranslationUnit unit) => new()
    {
        Id = unit.Id,
        Source = ToSegment(unit.Source),
        Target = ToSegment(unit.Target),
        PreviousSource = NullIfEmpty(unit.PreviousSource),
        NextSource = NullIfEmpty(unit.NextSource),
        ExternalId = NullIfEmpty(unit.ExternalId),
        Properties = [.. unit.Properties.Select(p => new UnitProperty(p.Type, p.Value, NullIfEmpty(p.Language)))],
        Notes = [.. unit.Notes.Select(n => new UnitNote(n.Text, NullIfEmpty(n.Language)))],
        CreatedBy = NullIfEmpty(unit.CreatedBy),
        CreatedAt = unit.CreatedAt?.ToDateTimeOffset() ?? default,
        ChangedBy = NullIfEmpty(unit.ChangedBy),
        ChangedAt = unit.ChangedAt?.ToDateTimeOffset() ?? default,
        UsageCount = unit.UsageCount,
        LastUsedAt = unit.LastUsedAt?.ToDateTimeOffset(),
    };

    /// <summary>A segment as sent (the server normalised it; tags keep their positions).</summary>
    public static SegmentText ToSegment(Proto.Segment? segment) => segment is null
        ? SegmentText.Empty
        : new SegmentText(segment.Text, [.. segment.Tags.Select(t => new InlineTag((InlineTagKind)(int)t.Kind, t.Position, t.Xml))]);

    public static LookupMatch ToMatch(Proto.Match match) =>
        new(match.Score, ToUnit(match.Unit), match.Memory)
        {
            Suggestion = match.Suggestion is null ? null : ToSegment(match.Suggestion),
            TargetAdjusted = match.TargetAdjusted,
            RawScore = match.RawScore,
            Differences = ToRanges(match.Differences),
            NotCarried = ToRanges(match.NotCarried),
        };

    public static ImmutableArray<TextRange> ToRanges(IEnumerable<Proto.TextRange> ranges) =>
        [.. ranges.Select(r => new TextRange(r.Start, r.Length))];

    /// <summary>The report by band name; a band the server did not send counts zero.</summary>
    /// <exception cref="TarjumaException">A band name this version does not know (a newer server): no row is guessed.</exception>
    public static AnalysisReport ToReport(Proto.AnalyzeResponse response)
    {
        var rows = Enum.GetValues<AnalysisBand>().Select(b => new AnalysisRow(b, 0, 0, 0)).ToArray();
        foreach (var band in response.Bands)
        {
            var known = BandOf(band.Name);
            rows[(int)known] = new AnalysisRow(known, checked((int)band.Segments), band.Words, band.Characters);
        }

        return new AnalysisReport(rows);
    }

    /// <summary>What an import did, with the units a multilingual file held for other memories.</summary>
    public static ImportSummary ToImportSummary(Proto.ImportTmxResponse response) =>
        new(response.Read, response.Added, response.Updated, [.. response.Rejected.Select(r => new ImportRejection(r.Line, r.Column, r.Reason))])
        {
            RejectedCount = response.RejectedCount,
            Skipped = [.. response.Skipped.Select(s => new ImportSkip(s.Reason, s.Count))],
        };

    /// <summary>An XLIFF run's summary; its per-band counts by band name, as <see cref="ToReport"/> reads them.</summary>
    /// <exception cref="TarjumaException">A band name this version does not know.</exception>
    public static XliffLeverageSummary ToXliffSummary(Proto.XliffSummary summary) => new(
        summary.Version,
        summary.Units,
        summary.SkippedUnits,
        summary.Segments,
        summary.SegmentsWithCandidates,
        summary.FilledSegments,
        summary.UnplaceableSegments,
        SegmentsByBand(summary.Filled),
        SegmentsByBand(summary.Best));

    /// <summary>A memory's abbreviations; the effective list follows from the others, as on the server.</summary>
    public static MemoryAbbreviations ToAbbreviations(Proto.MemoryAbbreviations abbreviations) => new(
        abbreviations.Memory,
        [.. abbreviations.Learned.Select(a => new LearnedAbbreviation(a.Text, a.Score, a.WithPeriod, a.WithoutPeriod, a.ContinuationShare))],
        [.. abbreviations.Added],
        [.. abbreviations.Removed],
        abbreviations.LearnedFromUnits);

    /// <summary>Segments per band in <see cref="AnalysisBand"/> order; a band the server did not send counts zero.</summary>
    private static int[] SegmentsByBand(IEnumerable<Proto.Band> bands)
    {
        var counts = new int[Enum.GetValues<AnalysisBand>().Length];
        foreach (var band in bands)
        {
            counts[(int)BandOf(band.Name)] = checked((int)band.Segments);
        }

        return counts;
    }

    /// <exception cref="TarjumaException">A band name this version does not know (a newer server): no count is guessed.</exception>
    private static AnalysisBand BandOf(string name) => BandNames.TryGetValue(name, out var known)
        ? known
        : throw new TarjumaException(ErrorKind.FailedPrecondition,
            $"the server reported an analysis band '{name}' this tarjuma does not know; use a matching version.");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
