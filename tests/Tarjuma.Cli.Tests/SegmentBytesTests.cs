using System.Text;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Commands;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Cli.Tests;

/// <summary>
/// <c>tarjuma segment</c> on standard input and output as bytes (<see cref="CliConsole.InBytes"/>, <see cref="CliConsole.OutBytes"/>),
/// where segments are written as their input bytes when they can be: the output must be byte for byte what segmenting the text
/// as <see cref="StreamReader"/> decodes it and encoding each segment gives, whatever the reads cut (inside a UTF-8 sequence or a
/// surrogate pair), with byte-order marks and invalid UTF-8.
/// </summary>
public sealed class SegmentBytesTests
{
    private const string Tajik = "Акад. Ҷ. А. Раҳимов омад. Ӯ гуфт:\n«Салом!»\n\nХайр. Вай 5 км. роҳ рафт.\r\n\r\nСоли 2024 ҳ. ба охир расид.";

    /// <summary>Texts, each also repeated past <see cref="SegmentPipeline.MinParallelCharacters"/> (paragraphs on the thread pool).</summary>
    public static TheoryData<string, string> Texts() => new()
    {
        { "tajik", Tajik },
        { "emoji and supplementary letters", "Салом 😀. Ин 𝔸 аст.\n\n🎉 Хайр! Дар 𝕏 навишт. Тамом." },
        { "line breaks inside segments", "Якум\u2028дуюм. Сеюм\u0085чорум.\nПанҷум\r\nшашум. Ҳафтум\rҳаштум." },
        { "text JSON escapes", "Вай гуфт: \"Салом\\дунё\". Ҷадвал\tва\u0001аломат. Тамом." },
        { "ascii", "Mr. Smith came at 5 p.m. on Monday. He left.\n\nThe end." },
    };

    private static readonly string[][] Options =
    [
        ["--lang", "tg"],
        ["--lang", "tg", "--json"],
        ["--lang", "en", "--line-breaks", "EveryLine"],
        ["--lang", "tg", "--line-breaks", "RulesOnly", "--json"],
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Output_is_the_segments_encoded_whatever_the_reads_cut(string name, string text)
    {
        foreach (var input in new[] { text, Repeat(text) })
        {
            var bytes = new UTF8Encoding(false).GetBytes(input);
            foreach (var options in Options)
            {
                var expected = Expected(bytes, options);
                foreach (var readBytes in new[] { 1, 2, 3, 5, 7, 1 << 16 })
                {
                    var actual = await RunAsync(bytes, readBytes, options);

                    Assert.True(expected.AsSpan().SequenceEqual(actual),
                        $"{name}, {input.Length} characters, {string.Join(' ', options)}, reads of {readBytes} bytes: "
                            + $"'{Encoding.UTF8.GetString(actual)}' instead of '{Encoding.UTF8.GetString(expected)}'");
                }
            }
        }
    }

    [Theory]
    [InlineData("utf-8 mark", new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData("utf-16 LE mark", new byte[] { 0xFF, 0xFE })]
    [InlineData("utf-16 BE mark", new byte[] { 0xFE, 0xFF })]
    [InlineData("utf-32 LE mark", new byte[] { 0xFF, 0xFE, 0, 0 })]
    [InlineData("utf-32 BE mark", new byte[] { 0, 0, 0xFE, 0xFF })]
    [InlineData("invalid bytes", new byte[] { 0xD0, 0xB0, 0xFF, 0x2E, 0x20, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98 })]
    [InlineData("a sequence cut at the end", new byte[] { 0xD0 })]
    [InlineData("empty", new byte[0])]
    public async Task Byte_order_marks_and_invalid_utf8_give_what_the_reader_decodes(string name, byte[] start)
    {
        Encoding encoding = name switch
        {
            "utf-16 LE mark" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
            "utf-16 BE mark" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
            "utf-32 LE mark" => new UTF32Encoding(bigEndian: false, byteOrderMark: false),
            "utf-32 BE mark" => new UTF32Encoding(bigEndian: true, byteOrderMark: false),
            _ => new UTF8Encoding(false),
        };
        var rest = encoding.GetBytes(Repeat(Tajik + " Ин 😀 аст.\n\n"));
        var middle = name == "invalid bytes" ? start : [];
        byte[] bytes = name.EndsWith("mark", StringComparison.Ordinal)
            ? [.. start, .. rest]
            : [.. rest.AsSpan(0, rest.Length / 2), .. middle, .. rest.AsSpan(rest.Length / 2), .. start];

        foreach (var options in Options)
        {
            var expected = Expected(bytes, options);
            foreach (var readBytes in new[] { 1, 3, 1 << 16 })
            {
                var actual = await RunAsync(bytes, readBytes, options);

                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}, {string.Join(' ', options)}, reads of {readBytes} bytes");
            }
        }
    }

    [Fact]
    public async Task A_text_reader_and_writer_console_gets_the_same_output()
    {
        var bytes = Encoding.UTF8.GetBytes(Repeat(Tajik + " Ин 😀 аст.\u2028Тамом.\n\n"));
        foreach (var options in Options)
        {
            using var output = new StringWriter { NewLine = "\n" };
            using var error = new StringWriter();
            var console = new CliConsole(new StringReader(Encoding.UTF8.GetString(bytes)), output, error, IsTerminal: false);

            var exit = await TarjumaCli.RunAsync(["segment", .. options], console);

            Assert.Equal(0, exit);
            Assert.Equal(Encoding.UTF8.GetString(Expected(bytes, options)), output.ToString());
        }
    }

    private static string Repeat(string text) =>
        string.Concat(Enumerable.Repeat(text + "\n\n", (SegmentPipeline.MinParallelCharacters * 3 / (text.Length + 2)) + 1));

    /// <summary>The reference: the whole text decoded by <see cref="StreamReader"/>, segmented at once, each segment written as before.</summary>
    private static byte[] Expected(byte[] bytes, string[] args)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        var lineBreaks = args.Contains("EveryLine") ? LineBreakMode.EveryLine : args.Contains("RulesOnly") ? LineBreakMode.RulesOnly : LineBreakMode.Heuristic;
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = args[1], LineBreaks = lineBreaks });
        var output = new StringBuilder();
        foreach (var range in segmenter.Segment(text))
        {
            var segment = text.Substring(range.Start, range.Length);
            output.Append(args.Contains("--json")
                ? JsonLine.Write(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("start", range.Start);
                    writer.WriteNumber("length", range.Length);
                    writer.WriteString("text", segment);
                    writer.WriteEndObject();
                })
                : SegmentLines.OneLine(segment)).Append('\n');
        }

        return new UTF8Encoding(false).GetBytes(output.ToString());
    }

    private static async Task<byte[]> RunAsync(byte[] input, int readBytes, string[] options)
    {
        using var output = new MemoryStream();
        using var writer = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        var console = new CliConsole(new StringReader(string.Empty), writer, error, IsTerminal: false)
        {
            InBytes = new TrickleStream(input, readBytes),
            OutBytes = output,
        };

        var exit = await TarjumaCli.RunAsync(["segment", .. options], console);

        Assert.True(exit == 0, error.ToString());
        Assert.Equal(string.Empty, writer.ToString());
        return output.ToArray();
    }

    /// <summary>A pipe that gives at most a few bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int most) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, most)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, most), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, most)], cancellationToken);
    }
}
