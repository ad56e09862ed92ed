using System.CommandLine;
using System.Globalization;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// <c>tarjuma lookup --memory NAME [--min-score N] [--max-results K] [--lang L] [--json]</c>: one segment
/// per line on stdin. With <c>--json</c> each input line gives exactly one JSON object on one line
/// (a contract: <c>{"query": ..., "matches": [{"score", "source", "target", "id", "memory", "suggestion",
/// "target_adjusted"}...]}</c>, best first; <c>target</c> is the stored target, <c>suggestion</c> the target
/// with the query's placeables carried over).
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
            while (await console.In.ReadLineAsync(cancellationToken) is { } line)
            {
                var matches = line.Length == 0
                    ? []
                    : await backend.LookupAsync(new LookupQuery(name, line, lang, min, max), cancellationToken);
                await console.Out.WriteLineAsync(asJson ? ToJsonLine(line, matches) : ToText(line, matches));
            }

            return 0;
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
            writer.WriteString("suggestion", SuggestionText(match));
            writer.WriteBoolean("target_adjusted", match.TargetAdjusted);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>What a translator would insert: the adjusted target, or the stored one when nothing changed.</summary>
    internal static string SuggestionText(LookupMatch match) => (match.Suggestion ?? match.Unit.Target).Text;

    private static string ToText(string query, IReadOnlyList<LookupMatch> matches)
    {
        if (matches.Count == 0)
        {
            return $"{query}\n  (no match)";
        }

        var lines = matches.Select(m => string.Create(CultureInfo.InvariantCulture, $"  {m.Score,3}  {SuggestionText(m)}"));
        return $"{query}\n{string.Join('\n', lines)}";
    }
}
