using System.CommandLine;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// <c>tarjuma segment --lang tg|en [--srx FILE] [--line-breaks MODE] [--json]</c>: reads text on stdin
/// and writes one segment per line (line breaks inside a segment become spaces) or, with
/// <c>--json</c>, one object per line: <c>{"start": 0, "length": 12, "text": "..."}</c> with UTF-16 offsets.
/// </summary>
internal static class SegmentCommand
{
    public static Command Build(CliConsole console)
    {
        var language = new Option<string>("--lang") { Description = "Language of the text (BCP 47): tg, en, ...", Required = true };
        var srx = new Option<FileInfo?>("--srx") { Description = "An SRX 2.0 file to use instead of the built-in rules." };
        var lineBreaks = new Option<LineBreakMode>("--line-breaks")
        {
            Description = "Heuristic (default: blank lines and lines without final punctuation end segments), BlankLineOnly, EveryLine, RulesOnly.",
            DefaultValueFactory = _ => LineBreakMode.Heuristic,
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per segment: start, length (UTF-16), text." };
        var exportRules = new Option<bool>("--export-rules") { Description = "Write the built-in SRX rules to stdout and exit." };
        var command = new Command("segment", "Split text read from stdin into sentences.") { language, srx, lineBreaks, json, exportRules };
        command.SetAction(async (parse, cancellationToken) =>
        {
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

            var segmenter = Segmenter.Create(new SegmenterOptions { Language = tag.Value, Rules = rules, LineBreaks = parse.GetValue(lineBreaks) });
            var text = await console.In.ReadToEndAsync(cancellationToken);
            var asJson = parse.GetValue(json);
            foreach (var span in segmenter.Segment(text, cancellationToken))
            {
                var segment = text.Substring(span.Start, span.Length);
                await console.Out.WriteLineAsync(asJson ? ToJson(span, segment) : OneLine(segment));
            }

            return 0;
        });
        return command;
    }

    /// <summary>A segment on one line: each run of line-break characters becomes one space.</summary>
    internal static string OneLine(string segment)
    {
        if (segment.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            return segment;
        }

        var builder = new System.Text.StringBuilder(segment.Length);
        var inBreak = false;
        foreach (var c in segment)
        {
            if (c is '\r' or '\n' or '\u2028' or '\u2029')
            {
                if (!inBreak)
                {
                    builder.Append(' ');
                }

                inBreak = true;
                continue;
            }

            builder.Append(c);
            inBreak = false;
        }

        return builder.ToString();
    }

    private static string ToJson(TextRange span, string segment) => JsonLine.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("start", span.Start);
        writer.WriteNumber("length", span.Length);
        writer.WriteString("text", segment);
        writer.WriteEndObject();
    });
}
