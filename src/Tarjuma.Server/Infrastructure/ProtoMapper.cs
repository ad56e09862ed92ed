using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Tarjuma.Core.Model;
using Tarjuma.Protos.V1;
using DomainUnit = Tarjuma.Core.Model.TranslationUnit;
using ProtoSegment = Tarjuma.Protos.V1.Segment;
using ProtoUnit = Tarjuma.Protos.V1.TranslationUnit;

namespace Tarjuma.Server.Infrastructure;

/// <summary>The one place that converts between proto messages and the domain model.</summary>
public static class ProtoMapper
{
    /// <summary>
    /// A lookup request as the engine's query, checked field by field (0 is the field's default): for the lookup service
    /// and the command line's local backend alike.
    /// </summary>
    /// <exception cref="TarjumaException">A field is invalid; the error names it as the contract does.</exception>
    public static Core.Lookup.LookupQuery ToQuery(this LookupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Core.Lookup.LookupQuery(
            Validate.MemoryName(request.Memory),
            Validate.NotEmpty(request.Text),
            request.Language.Length == 0 ? null : Validate.Language(request.Language),
            Validate.InRange(request.MinScore, 1, 101, Core.Lookup.LookupQuery.DefaultMinScore),
            Validate.InRange(request.MaxResults, 1, Core.Lookup.LookupQuery.MaxMaxResults, Core.Lookup.LookupQuery.DefaultMaxResults))
        {
            PreviousText = request.PreviousText,
            NextText = request.NextText,
            Penalty = request.Penalty,
            MoreMemories = [.. request.MoreMemories.Select(m => new Core.Lookup.MemoryPenalty(m.Name, m.Penalty))],
        };
    }

    /// <summary>A key as clients see it: never its secret (only its hash is stored anyway).</summary>
    public static ApiKeyInfo ToProto(this Core.Security.ApiKey key)
    {
        var proto = new ApiKeyInfo
        {
            Id = key.Id,
            Name = key.Name,
            Admin = key.IsAdmin,
            Grants = { key.Grants.Select(g => g.ToString()) },
            CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt),
        };
        if (key.RevokedAt is { } revoked)
        {
            proto.RevokedAt = Timestamp.FromDateTimeOffset(revoked);
        }

        return proto;
    }

    public static Memory ToProto(this MemoryInfo memory) => new()
    {
        Name = memory.Name,
        SourceLanguage = memory.SourceLanguage.Value,
        TargetLanguage = memory.TargetLanguage.Value,
        Description = memory.Description,
        CreatedAt = Timestamp.FromDateTimeOffset(memory.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(memory.UpdatedAt),
        UnitCount = memory.UnitCount,
    };

    public static Match ToProto(this Core.Lookup.LookupMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var proto = new Match
        {
            Score = match.Score,
            RawScore = match.RawScore,
            Unit = match.Unit.ToProto(),
            Memory = match.Memory,
            Suggestion = (match.Suggestion ?? match.Unit.Target).ToProto(),
            TargetAdjusted = match.TargetAdjusted,
        };
        proto.Differences.AddRange(match.Differences.Select(ToProto));
        proto.NotCarried.AddRange(match.NotCarried.Select(ToProto));
        return proto;
    }

    public static Protos.V1.TextRange ToProto(this Core.Model.TextRange range) => new() { Start = range.Start, Length = range.Length };

    public static Protos.V1.MemoryAbbreviations ToProto(this Core.Segmentation.Learning.MemoryAbbreviations abbreviations)
    {
        var proto = new Protos.V1.MemoryAbbreviations { Memory = abbreviations.Memory, LearnedFromUnits = abbreviations.LearnedFromUnits };
        proto.Learned.AddRange(abbreviations.Learned.Select(a => new Protos.V1.LearnedAbbreviation
        {
            Text = a.Text,
            Score = a.Score,
            WithPeriod = a.WithPeriod,
            WithoutPeriod = a.WithoutPeriod,
            ContinuationShare = a.ContinuationShare,
        }));
        proto.Added.AddRange(abbreviations.Added);
        proto.Removed.AddRange(abbreviations.Removed);
        proto.Effective.AddRange(abbreviations.Effective);
        return proto;
    }

    public static ProtoUnit ToProto(this DomainUnit unit)
    {
        var proto = new ProtoUnit
        {
            Id = unit.Id,
            Source = unit.Source.ToProto(),
            Target = unit.Target.ToProto(),
            PreviousSource = unit.PreviousSource ?? string.Empty,
            NextSource = unit.NextSource ?? string.Empty,
            ExternalId = unit.ExternalId ?? string.Empty,
            CreatedBy = unit.CreatedBy ?? string.Empty,
            ChangedBy = unit.ChangedBy ?? string.Empty,
            UsageCount = unit.UsageCount,
            CreatedAt = ToTimestamp(unit.CreatedAt),
            ChangedAt = ToTimestamp(unit.ChangedAt),
            LastUsedAt = ToTimestamp(unit.LastUsedAt),
        };
        proto.Properties.AddRange(unit.Properties.Select(p => new Property { Type = p.Type, Value = p.Value, Language = p.Language ?? string.Empty }));
        proto.Notes.AddRange(unit.Notes.Select(n => new Note { Text = n.Text, Language = n.Language ?? string.Empty }));
        return proto;
    }

    public static ProtoSegment ToProto(this SegmentText segment)
    {
        var proto = new ProtoSegment { Text = segment.Text };
        proto.Tags.AddRange(segment.Tags.Select(t => new Protos.V1.InlineTag
        {
            Kind = (Protos.V1.InlineTag.Types.Kind)(int)t.Kind,
            Position = t.Position,
            Xml = t.Xml
        }));
        return proto;
    }

    /// <summary>Reads a unit from a request; <paramref name="field"/> prefixes field names in errors.</summary>
    public static DomainUnit ToDomain(this ProtoUnit? unit, string field, string? user, DateTimeOffset now)
    {
        if (unit is null)
        {
            throw TarjumaException.InvalidArgument(field, "a unit is required.");
        }

        var source = ToDomain(unit.Source, $"{field}.source");
        var target = ToDomain(unit.Target, $"{field}.target");
        var author = NullIfEmpty(unit.CreatedBy) ?? NullIfEmpty(user);

        // The limits every stored unit keeps, as a TMX import does: no unit may make a response unsendable.
        return UnitLimits.Check(new DomainUnit
        {
            Id = unit.Id,
            Source = source,
            Target = target,
            PreviousSource = NullIfEmpty(unit.PreviousSource) is { } previous ? TextNormalizer.ToNfc(previous) : null,
            NextSource = NullIfEmpty(unit.NextSource) is { } next ? TextNormalizer.ToNfc(next) : null,
            ExternalId = NullIfEmpty(unit.ExternalId),
            Properties = [.. unit.Properties.Select((p, i) => new UnitProperty(
                Required(p.Type, $"{field}.properties[{i}].type"), p.Value, NullIfEmpty(p.Language)))],
            Notes = [.. unit.Notes.Select(n => new UnitNote(n.Text, NullIfEmpty(n.Language)))],
            CreatedBy = author,
            CreatedAt = unit.CreatedAt?.ToDateTimeOffset() ?? now,
            ChangedBy = NullIfEmpty(unit.ChangedBy) ?? NullIfEmpty(user) ?? author,
            ChangedAt = unit.ChangedAt?.ToDateTimeOffset() ?? now,
            UsageCount = unit.UsageCount,
            LastUsedAt = unit.LastUsedAt?.ToDateTimeOffset(),
        }, field);
    }

    /// <summary>Reads a segment; tags are validated (kind known, position inside the text, XML present).</summary>
    public static SegmentText ToDomain(ProtoSegment? segment, string field)
    {
        if (segment is null || segment.Text.Length == 0)
        {
            throw TarjumaException.InvalidArgument($"{field}.text", "must not be empty.");
        }

        var builder = ImmutableArray.CreateBuilder<Core.Model.InlineTag>(segment.Tags.Count);
        var previous = 0;
        for (var i = 0; i < segment.Tags.Count; i++)
        {
            var tag = segment.Tags[i];
            var tagField = $"{field}.tags[{i}]";
            if (tag.Kind == Protos.V1.InlineTag.Types.Kind.Unspecified || !System.Enum.IsDefined(typeof(InlineTagKind), (int)tag.Kind))
            {
                throw TarjumaException.InvalidArgument($"{tagField}.kind", $"unknown kind {(int)tag.Kind}.");
            }

            if (tag.Position < previous || tag.Position > segment.Text.Length)
            {
                throw TarjumaException.InvalidArgument($"{tagField}.position",
                    $"{tag.Position} must be in {previous}..{segment.Text.Length} (tags in document order).");
            }

            builder.Add(new Core.Model.InlineTag((InlineTagKind)(int)tag.Kind, tag.Position, Required(tag.Xml, $"{tagField}.xml")));
            previous = tag.Position;
        }

        // NFC is applied only to tag-free text: composing across a tag position would move it.
        var text = builder.Count == 0 ? TextNormalizer.ToNfc(segment.Text) : segment.Text;
        return new SegmentText(text, builder.MoveToImmutable());
    }

    public static Timestamp? ToTimestamp(DateTimeOffset? value) =>
        value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    private static string Required(string value, string field) =>
        string.IsNullOrEmpty(value) ? throw TarjumaException.InvalidArgument(field, "must not be empty.") : value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static Protos.V1.MemoryStatistics ToProto(this Core.Model.MemoryStatistics statistics, string name) => new()
    {
        Name = name,
        UnitCount = statistics.UnitCount,
        DistinctSources = statistics.DistinctSources,
        SourceWords = statistics.SourceWords,
        TargetWords = statistics.TargetWords,
        SourceCharacters = statistics.SourceCharacters,
        TargetCharacters = statistics.TargetCharacters,
        LastChangedAt = ToTimestamp(statistics.LastChangedAt),
    };

    public static CreateKeyResponse ToProto(this Core.Security.CreatedApiKey created) => new() { Key = created.Key.ToProto(), Secret = created.Secret };

    public static ImportTmxResponse ToProto(this Core.Exchange.TmxImportResult result)
    {
        var summary = result.Summary;
        var response = new ImportTmxResponse
        {
            Read = summary.Read,
            Added = summary.Added,
            Updated = summary.Updated,
            RejectedCount = summary.RejectedCount,
            MemoryCreated = result.MemoryCreated,
            SkippedCount = summary.SkippedCount,
        };
        response.Rejected.AddRange(summary.Rejected.Select(r => new Rejection { Line = r.Line, Column = r.Column, Reason = r.Reason }));
        response.Skipped.AddRange(summary.Skipped.Select(s => new SkippedUnits { Reason = s.Reason, Count = s.Count }));
        return response;
    }

    public static ConcordanceHit ToProto(this Core.Lookup.ConcordanceResult hit)
    {
        var proto = new ConcordanceHit { Unit = hit.Unit.ToProto() };
        proto.SourceRanges.AddRange(hit.SourceRanges.Select(r => r.ToProto()));
        proto.TargetRanges.AddRange(hit.TargetRanges.Select(r => r.ToProto()));
        return proto;
    }

    /// <summary>Every band in <see cref="Core.Matching.AnalysisBand"/> order, by its name (documents.proto), and the total.</summary>
    public static AnalyzeResponse ToProto(this Core.Matching.AnalysisReport report)
    {
        var response = new AnalyzeResponse
        {
            Total = new Band { Name = "total", Segments = report.Segments, Words = report.Words, Characters = report.Characters },
        };
        response.Bands.AddRange(report.Rows.Select(r => new Band
        {
            Name = Core.Matching.AnalysisBandNames.Name(r.Band),
            Segments = r.Segments,
            Words = r.Words,
            Characters = r.Characters,
        }));
        return response;
    }

    public static PretranslatedSegment ToProto(this Core.Lookup.DocumentSegment segment) => new()
    {
        Text = segment.Text,
        Start = segment.Start,
        Length = segment.Length,
        Match = segment.Match?.ToProto(),
    };

    /// <summary>An XLIFF run's summary; per-band counts for every band, by name.</summary>
    public static XliffSummary ToProto(this Core.Xliff.XliffLeverageSummary summary)
    {
        var proto = new XliffSummary
        {
            Version = summary.Version,
            Units = summary.Units,
            SkippedUnits = summary.SkippedUnits,
            Segments = summary.Segments,
            SegmentsWithCandidates = summary.SegmentsWithCandidates,
            FilledSegments = summary.FilledSegments,
            UnplaceableSegments = summary.UnplaceableSegments,
        };
        foreach (var band in System.Enum.GetValues<Core.Matching.AnalysisBand>())
        {
            proto.Filled.Add(new Band { Name = Core.Matching.AnalysisBandNames.Name(band), Segments = summary.FilledByBand[(int)band] });
            proto.Best.Add(new Band { Name = Core.Matching.AnalysisBandNames.Name(band), Segments = summary.BestByBand[(int)band] });
        }

        return proto;
    }

    /// <summary>Beads with their segments' indices and joined texts.</summary>
    public static AlignResponse ToProto(this Core.Alignment.AlignDocumentsResult result)
    {
        var response = new AlignResponse { Added = result.Added, Updated = result.Updated };
        response.SourceSegments.AddRange(result.SourceSegments);
        response.TargetSegments.AddRange(result.TargetSegments);
        foreach (var bead in result.Beads)
        {
            var proto = new Protos.V1.Bead
            {
                Confidence = bead.Confidence,
                NeedsReview = bead.NeedsReview,
                SourceText = Core.Alignment.AlignDocumentsResult.Join(result.SourceSegments, bead.SourceStart, bead.SourceCount),
                TargetText = Core.Alignment.AlignDocumentsResult.Join(result.TargetSegments, bead.TargetStart, bead.TargetCount),
            };
            proto.SourceIndices.AddRange(bead.SourceIndices);
            proto.TargetIndices.AddRange(bead.TargetIndices);
            response.Beads.Add(proto);
        }

        return response;
    }
}
