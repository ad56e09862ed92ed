using System.CommandLine;
using System.Globalization;
using Tarjuma.Alignment;
using Tarjuma.Cli.Backends;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Commands;
using Tarjuma.Core.Alignment;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;
using AlignRequest = Tarjuma.Protos.V1.AlignRequest;
using AlignResponse = Tarjuma.Protos.V1.AlignResponse;
using Bead = Tarjuma.Core.Alignment.Bead;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// <c>tarjuma align [--source-lang tg --target-lang en] [--presegmented] [--format links|tsv|tmx]
/// [--memory NAME --db PATH --min-confidence X] SRC TGT</c>. The <c>links</c> format is a contract:
/// one bead per line, source indices (0-based, comma-separated, empty for none) TAB target indices
/// TAB confidence.
/// </summary>
internal static class AlignCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(LocalBackend.OpenDatabase);
        var sourceLanguage = new Option<string>("--source-lang") { Description = "Language of SRC.", DefaultValueFactory = _ => "tg" };
        var targetLanguage = new Option<string>("--target-lang") { Description = "Language of TGT.", DefaultValueFactory = _ => "en" };
        var presegmented = new Option<bool>("--presegmented") { Description = "The files have one segment per line (blank lines ignored)." };
        var format = new Option<string>("--format") { Description = "links (default), tsv or tmx.", DefaultValueFactory = _ => "links" };
        format.AcceptOnlyFromAmong("links", "tsv", "tmx");
        var memory = new Option<string?>("--memory") { Description = "Learn from this memory's units and add the confident beads to it (one transaction)." };
        var minConfidence = new Option<double>("--min-confidence")
        {
            Description = "Beads added to the memory need at least this confidence (0-1).",
            DefaultValueFactory = _ => AlignDocumentsRequest.DefaultMinConfidence
        };
        var source = new Argument<FileInfo>("src") { Description = "The source document." };
        var target = new Argument<FileInfo>("tgt") { Description = "Its translation." };
        var command = new Command("align", "Align a document with its translation into beads (and units).")
        {
            sourceLanguage, targetLanguage, presegmented, format, memory, minConfidence, source, target,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sourceText = await ReadAsync(parse.GetValue(source)!, "src", cancellationToken);
            var targetText = await ReadAsync(parse.GetValue(target)!, "tgt", cancellationToken);
            var lines = parse.GetValue(presegmented);
            var memoryName = parse.GetValue(memory) is { } m ? MemoryName.Validate(m, "--memory") : null;
            var request = new AlignDocumentsRequest
            {
                SourceLanguage = LanguageTag.Parse(parse.GetValue(sourceLanguage), "--source-lang"),
                TargetLanguage = LanguageTag.Parse(parse.GetValue(targetLanguage), "--target-lang"),
                SourceText = lines ? null : sourceText,
                TargetText = lines ? null : targetText,
                SourceSegments = lines ? PresegmentedText.Lines(sourceText) : null,
                TargetSegments = lines ? PresegmentedText.Lines(targetText) : null,
                Memory = memoryName,
                AddToMemory = memoryName is not null,
                MinConfidence = parse.GetValue(minConfidence),
            };

            AlignDocumentsResult result;
            if (memoryName is null && parse.GetValue(common.Server) is null)
            {
                // No memory involved: align in-process without opening a database.
                result = await DocumentAlignment.AlignAsync(request, store: null, TimeProvider.System, cancellationToken);
            }
            else
            {
                await using var backend = common.Open(parse);
                result = FromResponse(await backend.AlignAsync(ToRequest(request), cancellationToken));
            }

            switch (parse.GetValue(format))
            {
                case "tsv":
                    await console.Out.WriteAsync(BeadFormatter.ToTsv(result.Beads, result.SourceSegments, result.TargetSegments));
                    break;
                case "tmx":
                    await WriteTmxAsync(result, request, console, cancellationToken);
                    break;
                default:
                    await console.Out.WriteAsync(BeadFormatter.ToLinks(result.Beads));
                    break;
            }

            var review = result.Beads.Count(b => b.NeedsReview);
            var written = memoryName is null ? string.Empty : string.Create(CultureInfo.InvariantCulture,
                $"; {memoryName}: added {result.Added}, updated {result.Updated}");
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.SourceSegments.Count} source and {result.TargetSegments.Count} target segments, {result.Beads.Count} beads, {review} to "
                    + $"review{written}"));
            return 0;
        });
        return command;
    }

    /// <summary>The request as the backends take it (the contract's message; segments only when pre-segmented).</summary>
    private static AlignRequest ToRequest(AlignDocumentsRequest request)
    {
        var proto = new AlignRequest
        {
            SourceText = request.SourceText ?? string.Empty,
            TargetText = request.TargetText ?? string.Empty,
            SourceLanguage = request.SourceLanguage.Value,
            TargetLanguage = request.TargetLanguage.Value,
            Memory = request.AddToMemory ? request.Memory ?? string.Empty : string.Empty,
            MinConfidence = request.MinConfidence,
        };
        proto.SourceSegments.AddRange(request.SourceSegments ?? []);
        proto.TargetSegments.AddRange(request.TargetSegments ?? []);
        return proto;
    }

    /// <summary>The backend's beads as the engine's, for its formatters: a side with no segments sits after the previous bead's.</summary>
    private static AlignDocumentsResult FromResponse(AlignResponse response)
    {
        var beads = new List<Bead>(response.Beads.Count);
        var (nextSource, nextTarget) = (0, 0);
        foreach (var b in response.Beads)
        {
            var sourceStart = b.SourceIndices.Count > 0 ? b.SourceIndices[0] : nextSource;
            var targetStart = b.TargetIndices.Count > 0 ? b.TargetIndices[0] : nextTarget;
            beads.Add(new Bead(sourceStart, b.SourceIndices.Count, targetStart, b.TargetIndices.Count, b.Confidence, b.NeedsReview));
            nextSource = b.SourceIndices.Count > 0 ? b.SourceIndices[^1] + 1 : nextSource;
            nextTarget = b.TargetIndices.Count > 0 ? b.TargetIndices[^1] + 1 : nextTarget;
        }

        return new AlignDocumentsResult(beads, [.. response.SourceSegments], [.. response.TargetSegments], (int)response.Added, (int)response.Updated);
    }

    private static async Task WriteTmxAsync(AlignDocumentsResult result, AlignDocumentsRequest request, CliConsole console, CancellationToken cancellationToken)
    {
        var memory = new MemoryInfo
        {
            Name = "alignment",
            SourceLanguage = request.SourceLanguage,
            TargetLanguage = request.TargetLanguage,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow
        };
        var units = result.Beads.Where(b => !b.IsNull).Select(b => new TranslationUnit
        {
            Source = SegmentText.Plain(AlignDocumentsResult.Join(result.SourceSegments, b.SourceStart, b.SourceCount)),
            Target = SegmentText.Plain(AlignDocumentsResult.Join(result.TargetSegments, b.TargetStart, b.TargetCount)),
            Properties = [new UnitProperty("x-alignment-confidence", b.Confidence.ToString("F3", CultureInfo.InvariantCulture))],
        });
        using var buffer = new MemoryStream();
        await TmxWriter.WriteAsync(buffer, memory, units.ToAsyncEnumerable(), cancellationToken);
        await console.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static async Task<string> ReadAsync(FileInfo file, string field, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw TarjumaException.InvalidArgument(field, $"{file.FullName} does not exist.");
        }

        return await File.ReadAllTextAsync(file.FullName, cancellationToken);
    }
}
