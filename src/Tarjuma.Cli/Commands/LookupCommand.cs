using System.CommandLine;
using System.Globalization;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// <c>tarjuma lookup --memory NAME [--min-score N] [--max-results K] [--lang L] [--json]</c>: one segment
/// per line on stdin. With <c>--json</c> each input line gives exactly one JSON object on one line
/// (a contract: <c>{"query": ..., "matches": [{"score", "source", "target", "id", "memory"}...]}</c>, best first).
/// A line the backend refuses (a server's segment-length limit) gets the same object with no
/// matches and an <c>error</c> (<c>{"code", "field", "message"}</c>), a message on stderr, and the
/// remaining lines are still answered; the command then exits 1.
/// </summary>
internal static class LookupCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var memory = new Option<string>("--memory") { Description = "The memory to search.", Required = true };
        var minScore = new Option<int>("--min-score") { Description = "Lowest score shown (1-101).", DefaultValueFactory = _ => LookupQuery.DefaultMinScore };
        var maxResults = new Option<int>("--max-results") { Description = "Most matches per segment (1-50).", DefaultValueFactory = _ => LookupQuery.DefaultMaxResults };
        var language = new Option<string?>("--lang") { Description = "Language of the segments (default: the memory's source language; its target language searches in reverse)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per input line." };
        var command = new Command("lookup", "Look up segments read from standard input, one per line.") { memory, minScore, maxResults, language, json };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = MemoryName.Validate(parse.GetValue(memory), "--memory");
            var min = parse.GetValue(minScore);
            var max = parse.GetValue(maxResults);
            if (min is < 1 or > 101)
            {
                throw TarjumaException.InvalidArgument("--min-score", $"must be between 1 and 101, not {min}.");
            }

            if (max is < 1 or > LookupQuery.MaxMaxResults)
            {
                throw TarjumaException.InvalidArgument("--max-results", $"must be between 1 and {LookupQuery.MaxMaxResults}, not {max}.");
            }

            var lang = parse.GetValue(language) is { } l ? LanguageTag.Parse(l, "--lang") : (LanguageTag?)null;
            var asJson = parse.GetValue(json);
            await using var backend = common.Open(parse);
            var (number, refused) = (0, 0);
            while (await console.In.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                try
                {
                    var matches = line.Length == 0
                        ? []
                        : await backend.LookupAsync(new LookupQuery(name, line, lang, min, max), cancellationToken);
                    await console.Out.WriteLineAsync(asJson ? ToJsonLine(line, matches) : ToText(line, matches));
                }
                catch (TarjumaException exception) when (IsAboutTheLine(exception))
                {
                    // One refused line gets one error object; the rest are still answered.
                    refused++;
                    await console.Error.WriteLineAsync($"tarjuma: line {number}: {exception.Message}");
                    await console.Out.WriteLineAsync(asJson ? ToJsonError(line, exception) : $"{line}\n  (refused: {exception.Message})");
                }
            }

            return refused == 0 ? 0 : TarjumaCli.ExitFailure;
        });
        return command;
    }

    internal static string ToJsonLine(string query, IReadOnlyList<LookupMatch> matches) => JsonLine.Write(writer =>
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
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>A refusal that concerns the line itself (its text), not the command's options.</summary>
    private static bool IsAboutTheLine(TarjumaException exception) =>
        exception is { Kind: ErrorKind.InvalidArgument, Field: "text" or "previous_text" or "next_text" };

    /// <summary>The line's object with an empty match list and an <c>error</c> (code, field, message).</summary>
    internal static string ToJsonError(string query, TarjumaException exception) => JsonLine.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("query", query);
        writer.WriteStartArray("matches");
        writer.WriteEndArray();
        writer.WriteStartObject("error");
        writer.WriteString("code", exception.Kind.ToString());
        writer.WriteString("field", exception.Field);
        writer.WriteString("message", exception.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static string ToText(string query, IReadOnlyList<LookupMatch> matches)
    {
        if (matches.Count == 0)
        {
            return $"{query}\n  (no match)";
        }

        var lines = matches.Select(m => string.Create(CultureInfo.InvariantCulture, $"  {m.Score,3}  {m.Unit.Target.Text}"));
        return $"{query}\n{string.Join('\n', lines)}";
    }
}
