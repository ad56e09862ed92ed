using System.CommandLine;
using Tarjuma.Cli.Backends;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Commands;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;
using Tarjuma.Core.Segmentation.Learning;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// <c>tarjuma segment --lang tg|en [--srx FILE] [--line-breaks MODE] [--json]</c>: reads text on stdin
/// and writes one segment per line (line breaks inside a segment become spaces) or, with
/// <c>--json</c>, one object per line: <c>{"start": 0, "length": 12, "text": "..."}</c> with UTF-16 offsets.
/// <c>--memory NAME</c> (with <c>--db</c> or <c>--server</c>) segments by the memory's rules, the
/// built-in ones with its abbreviations; <c>--show-abbreviations</c> lists those, <c>--export-rules</c>
/// writes the memory's SRX.
/// </summary>
internal static class SegmentCommand
{
    /// <summary>
    /// When <paramref name="args"/> are <c>segment --lang X</c> with the built-in rules, starts building those rules on the thread pool
    /// while the command line is built and parsed (issue #12: building them is about half of a short run, and the process would otherwise
    /// use one core until then). The command's own <see cref="Segmenter.Create(SegmenterOptions)"/> takes the same build from the cache,
    /// waiting for it if needed, so what it segments by is unchanged; anything the warm-up cannot read is left to the parser.
    /// </summary>
    internal static void StartWarmUp(IReadOnlyList<string> args)
    {
        if (WarmUpLanguage(args) is not { } language)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                Segmenter.Create(new SegmenterOptions { Language = language.Value });
            }
            catch (TarjumaException)
            {
                // The command builds the same segmenter and reports this error itself.
            }
        });
    }

    /// <summary>The language of <c>segment --lang X</c> by the built-in rules (<c>--lang X</c>, <c>--lang=X</c>, <c>--lang:X</c>), else null.</summary>
    internal static LanguageTag? WarmUpLanguage(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || !string.Equals(args[0], "segment", StringComparison.Ordinal)
            || args.Any(a => a.StartsWith("--srx", StringComparison.Ordinal) || a.StartsWith("--memory", StringComparison.Ordinal)
                || a.StartsWith("--export-rules", StringComparison.Ordinal) || a.StartsWith("--show-abbreviations", StringComparison.Ordinal)))
        {
            return null;
        }

        string? tag = null;
        for (var i = 1; i < args.Count; i++)
        {
            if (string.Equals(args[i], "--lang", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                tag = args[i + 1];
            }
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal) || args[i].StartsWith("--lang:", StringComparison.Ordinal))
            {
                tag = args[i]["--lang=".Length..];
            }
        }

        return LanguageTag.TryParse(tag, out var language) ? language : null;
    }

    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(LocalBackend.OpenDatabase);
        var language = new Option<string>("--lang")
        {
            Description =
            "Language of the text (BCP 47): tg, en, ... Required unless --memory is given (then: the memory's source language)."
        };
        var memory = new Option<string?>("--memory")
        {
            Description =
            "Segment by this memory's rules: the built-in ones with its abbreviations (learned from its sources, with an administrator's edits)."
        };
        var showAbbreviations = new Option<bool>("--show-abbreviations")
        {
            Description =
            "With --memory: list the memory's abbreviations (entry, origin, score, periods) and exit."
        };
        var srx = new Option<FileInfo?>("--srx") { Description = "An SRX 2.0 file to use instead of the built-in rules." };
        var lineBreaks = new Option<LineBreakMode>("--line-breaks")
        {
            Description = "Heuristic (default: blank lines and lines without final punctuation end segments), BlankLineOnly, EveryLine, RulesOnly.",
            DefaultValueFactory = _ => LineBreakMode.Heuristic,
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per segment: start, length (UTF-16), text." };
        var exportRules = new Option<bool>("--export-rules")
        {
            Description =
            "Write the SRX rules (the built-in ones, or with --memory the memory's) to stdout and exit."
        };
        var command = new Command("segment", "Split text read from stdin into sentences.") { language, srx, lineBreaks, json, exportRules, memory,
            showAbbreviations };
        common.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(language) is null && result.GetValue(memory) is null && !result.GetValue(exportRules))
            {
                result.AddError("Option '--lang' is required (or --memory NAME to use the memory's source language).");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(memory) is { } memoryName)
            {
                return await SegmentForMemoryAsync(parse, memoryName, cancellationToken);
            }

            if (parse.GetValue(showAbbreviations))
            {
                throw TarjumaException.InvalidArgument("--show-abbreviations", "needs --memory NAME.");
            }

            if (parse.GetValue(exportRules))
            {
                await console.Out.WriteAsync(BuiltInRules.GetSrx());
                return 0;
            }

            var tag = LanguageTag.Parse(parse.GetValue(language), "--lang");
            SrxDocument? rules = null;
            if (parse.GetValue(srx) is { } file)
            {
                if (!file.Exists)
                {
                    throw TarjumaException.InvalidArgument("--srx", $"{file.FullName} does not exist.");
                }

                rules = SrxDocument.LoadFile(file.FullName);
            }

            return await SegmentAsync(parse, tag, rules, cancellationToken);
        });
        return command;

        async Task<int> SegmentForMemoryAsync(ParseResult parse, string memoryName, CancellationToken cancellationToken)
        {
            if (parse.GetValue(srx) is not null)
            {
                throw TarjumaException.InvalidArgument("--memory",
                    "a memory's rules are the built-in ones with its abbreviations: give --memory or --srx, not both.");
            }

            await using var backend = common.Open(parse);
            var (memory, listed) = await backend.GetAbbreviationsAsync(MemoryName.Validate(memoryName, "--memory"), cancellationToken);
            if (parse.GetValue(showAbbreviations))
            {
                await AbbreviationsCommand.WriteAsync(console, listed);
                return 0;
            }

            var abbreviations = ToEngine(listed);
            var sourceLanguage = LanguageTag.Parse(memory.SourceLanguage, "source_language");

            if (parse.GetValue(exportRules))
            {
                await console.Out.WriteAsync(MemoryAbbreviationLearning.RulesSrx(abbreviations, sourceLanguage));
                return 0;
            }

            var tag = parse.GetValue(language) is { } given ? LanguageTag.Parse(given, "--lang") : sourceLanguage;
            return await SegmentAsync(parse, tag, MemoryAbbreviationLearning.Rules(abbreviations, sourceLanguage), cancellationToken);
        }

        async Task<int> SegmentAsync(ParseResult parse, LanguageTag tag, SrxDocument? rules, CancellationToken cancellationToken)
        {
            var segmenter = Segmenter.Create(new SegmenterOptions { Language = tag.Value, Rules = rules, LineBreaks = parse.GetValue(lineBreaks) });
            var asJson = parse.GetValue(json);

            // Streamed like the server's SegmentStream: segments are final as each paragraph ends. Paragraphs are
            // segmented on the thread pool while this thread reads and the pipeline's writer writes (issue #12: one
            // core was the limit). The writer writes each segment from the input block holding it, as its input bytes
            // where it can (no string per segment, no encoding), into a buffer flushed when no more is queued (the
            // input is waiting: a pipe from a person or a program), after each batch on a terminal, and at the end.
            var output = new SegmentOutput(console, asJson);
            try
            {
                await using var pipeline = new SegmentPipeline(new StreamSegmenter(segmenter, withText: false), async (segments, more, token) =>
                {
                    output.Write(segments);
                    if (!more || console.OutIsTerminal)
                    {
                        await output.FlushAsync(token);
                    }
                }, budget: null, cancellationToken);

                var input = new SegmentInput(console);
                while (await input.ReadAsync(cancellationToken) is { } block)
                {
                    // Added before the segmenter sees the text, so the writer finds every segment's block.
                    output.Add(block);
                    await pipeline.AppendAsync(block.TextMemory);
                }

                await pipeline.CompleteAsync();
                await output.FlushAsync(cancellationToken);
            }
            finally
            {
                output.Release();
            }

            return 0;
        }
    }

    /// <summary>
    /// A memory's abbreviations as the backend listed them (the contract's message), as the engine's rules need them;
    /// the effective list follows from the others, as in the store.
    /// </summary>
    private static MemoryAbbreviations ToEngine(Protos.V1.MemoryAbbreviations listed) => new(
        listed.Memory,
        [.. listed.Learned.Select(a => new LearnedAbbreviation(a.Text, a.Score, a.WithPeriod, a.WithoutPeriod, a.ContinuationShare))],
        [.. listed.Added],
        [.. listed.Removed],
        listed.LearnedFromUnits);
}
