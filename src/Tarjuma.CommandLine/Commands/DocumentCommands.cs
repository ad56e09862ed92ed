using System.CommandLine;
using System.Globalization;
using Tarjuma.Client;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Checks;
using Tarjuma.CommandLine.Files;
using Tarjuma.Protos.V1;

namespace Tarjuma.CommandLine.Commands;

/// <summary><c>tarjuma concordance</c>, <c>tarjuma analyze FILE</c> and <c>tarjuma pretranslate FILE</c>.</summary>
internal static class DocumentCommands
{
    /// <summary>Pre-translation's lowest score by default (Tarjuma.Core's <c>DocumentQuery</c>, documents.proto).</summary>
    private const int DefaultMinScore = 75;

    /// <summary>XLIFF: the lowest score written into an empty target by default, an exact match (Tarjuma.Core's <c>XliffLeverage</c>).</summary>
    private const int ExactScore = 100;

    /// <summary>The highest score, a match in context (101).</summary>
    private const int InContextScore = 101;

    public static Command BuildConcordance(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var memory = new Option<string>("--memory") { Description = "The memory to search.", Required = true };
        var side = new Option<ConcordanceSide>("--side") { Description = "Both (default), Source or Target.", DefaultValueFactory = _ => ConcordanceSide.Both };
        var limit = new Option<int>("--limit") { Description = "Hits shown at most (1-200).", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "One JSON object per hit." };
        var phrase = new Argument<string>("phrase")
        {
            Description =
            "The word or phrase (folded: case and Tajik letters typed as Russian ones do not matter)."
        };
        var command = new Command("concordance", "Find a word or phrase in a memory's sources and targets.") { memory, side, limit, json, phrase };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var take = parse.GetValue(limit);
            if (take is < 1 or > 200)
            {
                throw CommandLineException.InvalidArgument("--limit", $"must be between 1 and 200, not {take}.");
            }

            await using var backend = common.Open(parse);
            var (hits, total) = await backend.ConcordanceAsync(MemoryNames.Validate(parse.GetValue(memory), "--memory"), parse.GetValue(phrase)!,
                parse.GetValue(side), 0, take, cancellationToken);
            foreach (var hit in hits)
            {
                await console.Out.WriteLineAsync(parse.GetValue(json)
                    ? JsonLine.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteNumber("id", hit.Unit.Id);
                        w.WriteString("source", hit.Unit.Source.Text);
                        w.WriteString("target", hit.Unit.Target.Text);
                        WriteRanges(w, "source_ranges", hit.SourceRanges);
                        WriteRanges(w, "target_ranges", hit.TargetRanges);
                        w.WriteEndObject();
                    })
                    : $"{Highlight(hit.Unit.Source.Text, hit.SourceRanges)}\t{Highlight(hit.Unit.Target.Text, hit.TargetRanges)}");
            }

            await console.Error.WriteLineAsync(total is { } known ? $"{hits.Count} of {known} hits" : $"{hits.Count} hits shown (more exist)");
            return 0;
        });
        return command;
    }

    public static Command BuildAnalyze(CliConsole console, OpenDatabase openDatabase, ReadXliffSegments readXliff)
    {
        var (common, memory, language, presegmented, file) = DocumentOptions(openDatabase);
        var command = new Command("analyze", "Count a document's segments, words and characters per match band.") { memory, language, presegmented, file };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var backend = common.Open(parse);
            var query = XliffFile.Is(parse.GetValue(file)!)
                ? ReadXliffQuery(parse, memory, language, file, readXliff)
                : await ReadQueryAsync(parse, memory, language, presegmented, file, DefaultMinScore, cancellationToken);
            var report = await backend.AnalyzeAsync(query, cancellationToken);
            await console.Out.WriteLineAsync("band\tsegments\twords\tcharacters");
            foreach (var band in report.Bands)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{band.Name}\t{band.Segments}\t{band.Words}\t{band.Characters}"));
            }

            var total = report.Total ?? new Band();
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"total\t{total.Segments}\t{total.Words}\t{total.Characters}"));
            return 0;
        });
        return command;
    }

    public static Command BuildPretranslate(CliConsole console, OpenDatabase openDatabase)
    {
        var (common, memory, language, presegmented, file) = DocumentOptions(openDatabase);
        var minScore = new Option<int>("--min-score") { Description = "Lowest score used (1-101).", DefaultValueFactory = _ => DefaultMinScore };
        var json = new Option<bool>("--json") { Description = "One JSON object per segment: source, target (or null), score, suggestion, target_adjusted." };
        var fillMinScore = new Option<int>("--fill-min-score")
        {
            Description = "XLIFF: lowest score written into an empty target (1-101).",
            DefaultValueFactory = _ => ExactScore
        };
        var overwrite = new Option<bool>("--overwrite") { Description = "XLIFF: also replace targets that already have content." };
        var output = new Argument<FileInfo?>("out") { Description = "XLIFF: the leveraged XLIFF to write.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("pretranslate",
            "Give each segment of a document its best match (the source where none reaches --min-score); an XLIFF file (IN.xlf OUT.xlf) gets candidates "
                + "and filled targets.")
        {
            memory, language, presegmented, file, output, minScore, fillMinScore, overwrite, json,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (XliffFile.Is(parse.GetValue(file)!))
            {
                var options = new XliffPretranslateOptions(string.Empty)
                {
                    MinScore = parse.GetValue(minScore),
                    FillMinScore = parse.GetValue(fillMinScore),
                    Overwrite = parse.GetValue(overwrite)
                };
                return await PretranslateXliffAsync(console, common, parse, memory, file, output, options, parse.GetValue(json), cancellationToken);
            }

            await using var backend = common.Open(parse);
            var segments = await backend.PretranslateAsync(await ReadQueryAsync(parse, memory, language, presegmented, file, parse.GetValue(minScore),
                cancellationToken), cancellationToken);
            foreach (var segment in segments)
            {
                var target = segment.Match is { } match ? (match.Suggestion ?? match.Unit.Target).Text : null;
                await console.Out.WriteLineAsync(parse.GetValue(json)
                    ? JsonLine.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("source", segment.Text);
                        if (target is null)
                        {
                            w.WriteNull("target");
                        }
                        else
                        {
                            w.WriteString("target", target);
                        }

                        w.WriteNumber("score", segment.Match?.Score ?? 0);
                        if (segment.Match is { } m)
                        {
                            // "target" already is the suggestion; these say so explicitly, as lookup --json does.
                            w.WriteString("suggestion", LookupCommand.SuggestionText(m));
                            w.WriteBoolean("target_adjusted", m.TargetAdjusted);
                        }

                        w.WriteEndObject();
                    })
                    : PretranslatedLine(segment, target));
            }

            var matched = segments.Count(s => s.Match is not null);
            await console.Error.WriteLineAsync($"{matched} of {segments.Count} segments pre-translated");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// One line per segment, tab-separated: <c>filled</c> and the score with the suggested target, or
    /// <c>source</c>, <c>-</c> and the untouched source, so the two can be told apart.
    /// </summary>
    internal static string PretranslatedLine(PretranslatedSegment segment, string? target) =>
        segment.Match is { } match && target is not null
            ? string.Create(CultureInfo.InvariantCulture, $"filled\t{match.Score}\t{SegmentLines.OneLine(target)}")
            : $"source\t-\t{SegmentLines.OneLine(segment.Text)}";

    private static async Task<int> PretranslateXliffAsync(
        CliConsole console, CommonOptions common, ParseResult parse, Option<string> memory, Argument<FileInfo> file, Argument<FileInfo?> output,
            XliffPretranslateOptions options, bool json, CancellationToken cancellationToken)
    {
        var input = parse.GetValue(file)!;
        if (parse.GetValue(output) is not { } target)
        {
            throw CommandLineException.InvalidArgument("out", $"{input.Name} is XLIFF: give the file to write (pretranslate IN.xlf OUT.xlf).");
        }

        if (json)
        {
            throw CommandLineException.InvalidArgument("--json", "applies to plain-text documents; the output of an XLIFF file is the leveraged XLIFF.");
        }

        if (string.Equals(Path.GetFullPath(target.FullName), input.FullName, StringComparison.Ordinal))
        {
            throw CommandLineException.InvalidArgument("out", "must not be the input file (the input is read twice).");
        }

        options = options with { Memory = MemoryNames.Validate(parse.GetValue(memory), "--memory") };
        CheckScore(options.MinScore, "min_score");
        CheckScore(options.FillMinScore, "fill_min_score");
        await using var backend = common.Open(parse);
        var summary = await XliffFile.WriteAtomicallyAsync(target.FullName, stream =>
            backend.PretranslateXliffAsync(options, () => new FileStream(input.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), stream,
                cancellationToken));
        await console.Error.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"XLIFF {summary.Version}: {summary.FilledSegments} of {summary.Segments} segments filled, {summary.SegmentsWithCandidates} with "
                + $"candidates, {summary.UnplaceableSegments} not filled (codes could not be placed), {summary.SkippedUnits} of {summary.Units} units not "
                    + $"to translate; written to {target.FullName}"));
        return 0;
    }

    /// <summary>A score option, checked before anything is read or written, in the engine's words (Tarjuma.Core's <c>XliffLeverageOptions</c>).</summary>
    private static void CheckScore(int? score, string field)
    {
        if (score is < 1 or > InContextScore)
        {
            throw CommandLineException.InvalidArgument(field, $"must be between 1 and {InContextScore}, not {score}.");
        }
    }

    /// <summary>An XLIFF document's segments (as pre-translation would cut them) as a pre-segmented query.</summary>
    private static DocumentRequest ReadXliffQuery(ParseResult parse, Option<string> memory, Option<string?> language, Argument<FileInfo> file,
        ReadXliffSegments readXliff)
    {
        var path = parse.GetValue(file)!;
        var given = LanguageTags.CanonicalOrNull(parse.GetValue(language), "--lang");
        using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var (segments, sourceLanguage) = readXliff(stream, given ?? "tg");
        var declared = given ?? (LanguageTags.TryCanonical(sourceLanguage, out var tag) ? tag : null);
        if (segments.Count == 0)
        {
            throw CommandLineException.InvalidArgument("file", $"{path.Name} has no segment to analyse.");
        }

        var request = new DocumentRequest { Memory = MemoryNames.Validate(parse.GetValue(memory), "--memory"), Language = declared ?? string.Empty };
        request.Segments.AddRange(segments);
        return request;
    }

    private static (CommonOptions Common, Option<string> Memory, Option<string?> Language, Option<bool> Presegmented,
        Argument<FileInfo> File) DocumentOptions(OpenDatabase openDatabase) => (
        new CommonOptions(openDatabase),
        new Option<string>("--memory") { Description = "The memory to use.", Required = true },
        new Option<string?>("--lang") { Description = "The document's language (default: the memory's source language)." },
        new Option<bool>("--presegmented") { Description = "The file has one segment per line." },
        new Argument<FileInfo>("file")
        {
            Description =
            "The document: plain text (UTF-8) or XLIFF 1.2/2.0/2.1 (.xlf, .xliff or recognised by its root element)."
        });

    private static async Task<DocumentRequest> ReadQueryAsync(ParseResult parse, Option<string> memory, Option<string?> language, Option<bool> presegmented,
        Argument<FileInfo> file, int minScore, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(file)!;
        if (!path.Exists)
        {
            throw CommandLineException.InvalidArgument("file", $"{path.FullName} does not exist.");
        }

        var text = await File.ReadAllTextAsync(path.FullName, cancellationToken);
        var lines = parse.GetValue(presegmented);
        var request = new DocumentRequest
        {
            Memory = MemoryNames.Validate(parse.GetValue(memory), "--memory"),
            Language = LanguageTags.CanonicalOrNull(parse.GetValue(language), "--lang") ?? string.Empty,
            Text = lines ? string.Empty : text,
            MinScore = minScore,
        };
        if (lines)
        {
            request.Segments.AddRange(PresegmentedText.Lines(text));
        }

        return request;
    }

    private static void WriteRanges(System.Text.Json.Utf8JsonWriter writer, string name, IReadOnlyList<TextRange> ranges)
    {
        writer.WriteStartArray(name);
        foreach (var range in ranges)
        {
            // The shape of every other range we print (segment --json, the protos' TextRange).
            writer.WriteStartObject();
            writer.WriteNumber("start", range.Start);
            writer.WriteNumber("length", range.Length);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Marks hits as [[...]] for a terminal.</summary>
    private static string Highlight(string text, IReadOnlyList<TextRange> ranges)
    {
        var builder = new System.Text.StringBuilder(text);
        foreach (var range in ranges.OrderByDescending(r => r.Start))
        {
            builder.Insert(range.Start + range.Length, "]]").Insert(range.Start, "[[");
        }

        return builder.ToString();
    }
}
