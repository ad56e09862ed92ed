using System.Text;
using System.Text.Json;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Tmx;
using Tarjuma.Tests;
using static Tarjuma.Core.Tests.Tmx.TmxTestData;

namespace Tarjuma.Core.Tests.Tmx;

/// <summary>
/// The TMX reader drives one parsing core two ways: a seekable stream (a local file) with the XML reader's synchronous
/// calls, any other (an upload's pipe) with its asynchronous ones; a local file is read by <c>FastXmlReader</c> while it can.
/// All must read every document alike: the same units, rejections with the same lines and columns, the same skips and the
/// same refusal.
/// </summary>
public sealed class TmxReaderDriverTests
{
    public static IEnumerable<object[]> Fixtures =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Data", "Tmx"), "*.tmx").Order(StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetFileName(path) });

    public static IEnumerable<object[]> RejectionCases => JsonLines("unit-rejections.jsonl");

    public static IEnumerable<object[]> SegmentCases => JsonLines("segment-cases.jsonl");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_fixture_reads_the_same_from_a_file_and_from_a_pipe(string name)
    {
        var bytes = await File.ReadAllBytesAsync(PathOf(name));
        await AssertSameAsync(name, bytes, TajikToEnglish);
        await AssertSameAsync(name + " en→tg", bytes, new TmxReadOptions(English, Tajik));
    }

    [Theory]
    [MemberData(nameof(RejectionCases))]
    public async Task A_rejected_unit_reads_the_same_from_a_file_and_from_a_pipe(string name, string json)
    {
        var tu = JsonDocument.Parse(json).RootElement.GetProperty("tu").GetString()!;
        await AssertSameAsync(name, Encoding.UTF8.GetBytes(Document(tu + "\n" + Unit("Китоб.", "Book."))), TajikToEnglish);
    }

    [Theory]
    [MemberData(nameof(SegmentCases))]
    public async Task A_segment_reads_the_same_from_a_file_and_from_a_pipe(string name, string json)
    {
        var seg = JsonDocument.Parse(json).RootElement.GetProperty("seg").GetString()!;
        await AssertSameAsync(name, Encoding.UTF8.GetBytes(Document(Unit(seg))), TajikToEnglish);
    }

    [Fact]
    public async Task A_document_cut_short_is_refused_the_same_from_a_file_and_from_a_pipe()
    {
        var whole = Document(Unit("Китоб.", "Book.") + "\n" + Unit("Ман <bpt i=\"1\">&lt;b&gt;</bpt>дорам.", "I have."));
        var bytes = Encoding.UTF8.GetBytes(whole);
        for (var length = 0; length < bytes.Length; length += 7)
        {
            await AssertSameAsync($"first {length} bytes", bytes[..length], TajikToEnglish);
        }
    }

    [SkippableFact]
    public async Task The_public_suite_reads_the_same_from_a_file_and_from_a_pipe()
    {
        var root = SharedData.Require("suites/tmx");
        foreach (var path in Directory.EnumerateFiles(root, "*.tmx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var bytes = await File.ReadAllBytesAsync(path);
            await AssertSameAsync(Path.GetFileName(path), bytes, TajikToEnglish);
            await AssertSameAsync(Path.GetFileName(path) + " en→de", bytes,
                new TmxReadOptions(LanguageTag.Parse("en", "source"), LanguageTag.Parse("de", "target")));
        }
    }

    [Fact]
    public async Task A_pipe_is_read_asynchronously_and_a_file_synchronously_even_when_a_forward_only_view_knows_its_length()
    {
        // The readings above differ only if the streams take different drivers.
        var document = Encoding.UTF8.GetBytes(Document(Unit("Китоб.", "Book.")));
        using (var fromPipe = await TmxReader.OpenAsync(new PipeLikeStream(new MemoryStream(document)), TajikToEnglish))
        {
            Assert.False(fromPipe.ReadsSynchronously);
        }

        using (var fromFile = await TmxReader.OpenAsync(new MemoryStream(document), TajikToEnglish))
        {
            Assert.True(fromFile.ReadsSynchronously);
        }

        // Only seeking tells a local file: a network body may know its length and still wait on its peer.
        using var fromView = await TmxReader.OpenAsync(new KnownLengthStream(new MemoryStream(document)), TajikToEnglish);
        Assert.False(fromView.ReadsSynchronously);
    }

    internal static async Task AssertSameAsync(string name, byte[] document, TmxReadOptions options)
    {
        var fromFile = await DescribeAsync(new MemoryStream(document), options);
        var fromPipe = await DescribeAsync(new PipeLikeStream(new MemoryStream(document)), options);
        var fromView = await DescribeAsync(new KnownLengthStream(new MemoryStream(document)), options);
        var withXmlReader = await DescribeAsync(new MemoryStream(document), options, fast: false);
        Assert.True(string.Equals(fromFile, withXmlReader, StringComparison.Ordinal), $"{name}:\nfast: {fromFile}\nXmlReader: {withXmlReader}");
        Assert.True(string.Equals(fromFile, fromPipe, StringComparison.Ordinal), $"{name}:\nfile: {fromFile}\npipe: {fromPipe}");
        Assert.True(string.Equals(fromFile, fromView, StringComparison.Ordinal), $"{name}:\nfile: {fromFile}\nview: {fromView}");
    }

    /// <summary>Every item, the skips and any refusal, as text.</summary>
    internal static async Task<string> DescribeAsync(Stream stream, TmxReadOptions options, bool fast = true)
    {
        var text = new StringBuilder();
        try
        {
            await using (stream)
            {
                using var reader = await TmxReader.OpenCoreAsync(stream, options, fast, CancellationToken.None);
                text.AppendLine(JsonSerializer.Serialize(reader.Header));
                await foreach (var item in reader.ReadUnitsAsync())
                {
                    text.AppendLine(Describe(item));
                }

                text.AppendLine(JsonSerializer.Serialize(reader.Skipped));
            }
        }
        catch (TarjumaException refusal)
        {
            text.Append("refused ").Append(refusal.Field).Append(": ").AppendLine(refusal.Message);
        }

        return text.ToString();
    }

    private static string Describe(ImportItem item) =>
        item.Unit is { } unit ? "unit " + JsonSerializer.Serialize(unit) : "rejection " + JsonSerializer.Serialize(item.Rejection);

    /// <summary>A forward-only view of a file that knows its length, as the command line's progress-counting stream is.</summary>
    private sealed class KnownLengthStream(Stream inner) : PipeLikeStream(inner)
    {
        public override long Length => Inner.Length;
    }

    /// <summary>A stream as an upload's pipe is: forward only, not seekable, no length, read in small pieces.</summary>
    private class PipeLikeStream(Stream inner) : Stream
    {
        protected Stream Inner => inner;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1_000));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
