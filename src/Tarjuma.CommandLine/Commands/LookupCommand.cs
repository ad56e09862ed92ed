using System.CommandLine;
using System.Globalization;
using Tarjuma.Client;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Checks;
using Tarjuma.CommandLine.Progress;
using Tarjuma.Protos.V1;

namespace Tarjuma.CommandLine.Commands;

/// <summary>
/// <c>tarjuma lookup --memory NAME [--min-score N] [--max-results K] [--lang L] [--json]
/// [--previous TEXT --next TEXT | --context-from-lines]</c>: one segment
/// per line on stdin. With <c>--json</c> each input line gives exactly one JSON object on one line
/// (a contract: <c>{"query": ..., "matches": [{"score", "source", "target", "id", "memory", "suggestion",
/// "target_adjusted"}...]}</c>, best first; <c>target</c> is the stored target, <c>suggestion</c> the target
/// with the query's placeables carried over).
/// A line the backend refuses (a server's segment-length limit) gets the same object with no
/// matches and an <c>error</c> (<c>{"code", "field", "message"}</c>), a message on stderr, and the
/// remaining lines are still answered; the command then exits 1.
/// </summary>
internal static class LookupCommand
{
    /// <summary>The engine's defaults and limit (Tarjuma.Core's <c>LookupQuery</c>, lookup.proto).</summary>
    private const int DefaultMinScore = 70;

    private const int DefaultMaxResults = 5;

    private const int MaxMaxResults = 50;

    public static Command Build(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var memory = new Option<string>("--memory") { Description = "The memory to search.", Required = true };
        var minScore = new Option<int>("--min-score") { Description = "Lowest score shown (1-101).", DefaultValueFactory = _ => DefaultMinScore };
        var maxResults = new Option<int>("--max-results")
        {
            Description = "Most matches per segment (1-50).",
            DefaultValueFactory = _ => DefaultMaxResults
        };
        var language = new Option<string?>("--lang")
        {
            Description =
            "Language of the segments (default: the memory's source language; its target language searches in reverse)."
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per input line." };
        var previous = new Option<string?>("--previous")
        {
            Description =
            "The segment before the (single) input segment in its document: an equal context scores 101."
        };
        var next = new Option<string?>("--next") { Description = "The segment after the (single) input segment in its document." };
        var contextFromLines = new Option<bool>("--context-from-lines")
        {
            Description = "The input lines are consecutive segments of one document: each line's neighbours are its context (101 matches).",
        };
        var command = new Command("lookup", "Look up segments read from standard input, one per line.")
        {
            memory, minScore, maxResults, language, json, previous, next, contextFromLines,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = MemoryNames.Validate(parse.GetValue(memory), "--memory");
            var min = parse.GetValue(minScore);
            var max = parse.GetValue(maxResults);
            if (min is < 1 or > 101)
            {
                throw CommandLineException.InvalidArgument("--min-score", $"must be between 1 and 101, not {min}.");
            }

            if (max is < 1 or > MaxMaxResults)
            {
                throw CommandLineException.InvalidArgument("--max-results", $"must be between 1 and {MaxMaxResults}, not {max}.");
            }

            var lang = LanguageTags.CanonicalOrNull(parse.GetValue(language), "--lang");
            var asJson = parse.GetValue(json);
            var fromLines = parse.GetValue(contextFromLines);
            var given = (Previous: parse.GetValue(previous), Next: parse.GetValue(next));
            var givenContext = given.Previous is not null || given.Next is not null;
            if (fromLines && givenContext)
            {
                throw CommandLineException.InvalidArgument("--context-from-lines", "give either --context-from-lines or --previous/--next, not both.");
            }

            await using var backend = common.Open(parse);
            await PrepareAsync(backend, console, name, lang, cancellationToken);

            // With context the next line is read before a line is looked up (it is that line's
            // context, or it shows that --previous/--next would be ambiguous); without, each line
            // is answered as soon as it arrives.
            var lookahead = fromLines || givenContext;
            string? before = null;
            var line = await console.In.ReadLineAsync(cancellationToken);
            var (number, refused) = (0, 0);
            while (line is not null)
            {
                number++;
                var after = lookahead ? await console.In.ReadLineAsync(cancellationToken) : null;
                if (givenContext && number == 1 && after is not null)
                {
                    throw CommandLineException.InvalidArgument("--previous",
                        "--previous/--next describe one segment; give one line on stdin, or use --context-from-lines.");
                }

                var query = new LookupRequest
                {
                    Memory = name,
                    Text = line,
                    Language = lang ?? string.Empty,
                    MinScore = min,
                    MaxResults = max,
                    PreviousText = (fromLines ? NonEmpty(before) : given.Previous) ?? string.Empty,
                    NextText = (fromLines ? NonEmpty(after) : given.Next) ?? string.Empty,
                };
                try
                {
                    var matches = line.Length == 0 ? [] : await backend.LookupAsync(query, cancellationToken);
                    await console.Out.WriteLineAsync(asJson ? ToJsonLine(line, matches) : ToText(line, matches));
                }
                catch (TarjumaInvalidArgumentException exception) when (IsAboutTheLine(exception))
                {
                    // One refused line gets one error object; the rest are still answered.
                    refused++;
                    await console.Error.WriteLineAsync($"tarjuma: line {number}: {exception.Status.Detail}");
                    await console.Out.WriteLineAsync(asJson ? ToJsonError(line, exception) : $"{line}\n  (refused: {exception.Status.Detail})");
                }

                before = line;
                line = lookahead ? after : await console.In.ReadLineAsync(cancellationToken);
            }

            return refused == 0 ? 0 : CliRunner.ExitFailure;
        });
        return command;
    }

    /// <summary>Builds a database's index before the first line, with a progress bar (seconds for a million units).</summary>
    private static async Task PrepareAsync(ITarjumaBackend backend, CliConsole console, string memory, string? language,
        CancellationToken cancellationToken)
    {
        ProgressBar? bar = null;
        try
        {
            await backend.PrepareLookupAsync(
                memory,
                language,
                total =>
                {
                    bar = ProgressBar.Start(console, $"building the lookup index of {memory}", total, ProgressUnit.Units);
                    return bar.Report;
                },
                cancellationToken);
        }
        finally
        {
            bar?.Dispose();
        }
    }

    /// <summary>A blank neighbouring line is no context (a paragraph break, not an empty segment).</summary>
    private static string? NonEmpty(string? line) => string.IsNullOrWhiteSpace(line) ? null : line;

    internal static string ToJsonLine(string query, IReadOnlyList<Match> matches) => JsonLine.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("query", query);
        writer.WriteStartArray("matches");
        foreach (var match in matches)
        {
            writer.WriteStartObject();
            writer.WriteNumber("score", match.Score);
            writer.WriteString("source", match.Unit.Source.Text);
            writer.WriteString("target", match.Unit.Target.Text);
            writer.WriteNumber("id", match.Unit.Id);
            writer.WriteString("memory", match.Memory);
            writer.WriteString("suggestion", SuggestionText(match));
            writer.WriteBoolean("target_adjusted", match.TargetAdjusted);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>A refusal that concerns the line itself (its text), not the command's options; both backends name the field.</summary>
    private static bool IsAboutTheLine(TarjumaRpcException exception) => exception.Field is "text" or "previous_text" or "next_text";

    /// <summary>
    /// The line's object with an empty match list and an <c>error</c> (code, field, message): the status code's
    /// name (e.g. <c>InvalidArgument</c>) and the server's or engine's own message.
    /// </summary>
    internal static string ToJsonError(string query, TarjumaRpcException exception) => JsonLine.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("query", query);
        writer.WriteStartArray("matches");
        writer.WriteEndArray();
        writer.WriteStartObject("error");
        writer.WriteString("code", exception.StatusCode.ToString());
        writer.WriteString("field", exception.Field);
        writer.WriteString("message", exception.Status.Detail);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>What a translator would insert: the adjusted target, or the stored one when nothing changed.</summary>
    internal static string SuggestionText(Match match) => (match.Suggestion ?? match.Unit.Target).Text;

    private static string ToText(string query, IReadOnlyList<Match> matches)
    {
        if (matches.Count == 0)
        {
            return $"{query}\n  (no match)";
        }

        var lines = matches.Select(m => string.Create(CultureInfo.InvariantCulture, $"  {m.Score,3}  {SuggestionText(m)}"));
        return $"{query}\n{string.Join('\n', lines)}";
    }
}
