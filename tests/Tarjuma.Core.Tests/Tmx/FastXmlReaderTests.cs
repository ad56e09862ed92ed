using System.Text;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;
using Tarjuma.Tests;
using static Tarjuma.Core.Tests.Tmx.TmxTestData;

namespace Tarjuma.Core.Tests.Tmx;

/// <summary>
/// A local file is read by <c>FastXmlReader</c>, which falls back to <c>XmlReader</c> (reading again from the start) at
/// anything outside its subset, malformed XML included. Every reading is compared with <c>XmlReader</c>'s alone
/// (<see cref="TmxReaderDriverTests.AssertSameAsync"/>): the same header, units, rejections with lines and columns, skips
/// and refusals.
/// </summary>
public sealed class FastXmlReaderTests
{
    private static readonly string Ordinary = Document(Unit("Китоб.", "Book.") + "\n" + Unit("Ман <bpt i=\"1\">&lt;b&gt;</bpt>дорам.", "I have."));

    public static TheoryData<string, string> Malformed => new()
    {
        { "unclosed tag", Document("<tu><tuv xml:lang=\"tg\"><seg>Китоб.</seg></tuv>") },
        { "mismatched end tag", Document("<tu><tuv xml:lang=\"tg\"><seg>Китоб.</tuv></seg></tu>") },
        { "unknown entity", Document(Unit("Китоб &nbsp; ман.")) },
        { "bare ampersand", Document(Unit("A & B")) },
        { "unterminated reference", Document(Unit("A &amp B")) },
        { "character reference to NUL", Document(Unit("A &#0; B")) },
        { "character reference to a surrogate", Document(Unit("A &#xD800; B")) },
        { "character reference past Unicode", Document(Unit("A &#x110000; B")) },
        { "control character", Document(Unit("A \u0001 B")) },
        { "cdata end in text", Document(Unit("A ]]> B")) },
        { "repeated attribute", Document("<tu tuid=\"1\" tuid=\"2\">" + Unit("A")[4..]) },
        { "less-than in an attribute", Document("<tu tuid=\"a<b\">" + Unit("A")[4..]) },
        { "unquoted attribute", Document("<tu tuid=1>" + Unit("A")[4..]) },
        { "attributes without space", Document("<tu tuid=\"1\"usagecount=\"2\">" + Unit("A")[4..]) },
        { "undeclared prefix", Document("<x:tu>" + Unit("A")[4..^5] + "</x:tu>") },
        { "text after the root", Ordinary + "trailing text" },
        { "second root", Ordinary + "<tmx/>" },
        { "comment with two dashes", Document("<!-- a -- b -->" + Unit("A")) },
        { "processing instruction named xml", Document("<?xml version=\"1.0\"?>" + Unit("A")) },
        { "declaration not first", " " + Ordinary },
        { "entity of an internal subset", Document(Unit("A &e; B")).Replace("<tmx", "<!DOCTYPE tmx [<!ENTITY e \"x\">]>\n<tmx", StringComparison.Ordinal) },
        { "end tag without start", Document("</tu>" + Unit("A")) },
        { "name starting with a digit", Document("<1tu>" + Unit("A")) },
        { "end tag of another name with an empty attribute", Document("<tu tuid=\"\"><tuv xml:lang=\"tg\"><seg>A</seg></tuvx></tu>") },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_document_is_refused_as_XmlReader_refuses_it_naming_its_line(string name, string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        await TmxReaderDriverTests.AssertSameAsync(name, bytes, TajikToEnglish);
        var reading = await TmxReaderDriverTests.DescribeAsync(new MemoryStream(bytes), TajikToEnglish);
        Assert.Matches(@"(refused tmx: line [1-9][0-9]*, column [1-9][0-9]*: )|(""Line"":[1-9])", reading);
    }

    [Fact]
    public async Task Every_prefix_of_a_document_is_read_as_XmlReader_reads_it()
    {
        var bytes = Encoding.UTF8.GetBytes(Ordinary.Replace("\n", "\r\n", StringComparison.Ordinal));
        for (var length = 0; length <= bytes.Length; length++)
        {
            await TmxReaderDriverTests.AssertSameAsync($"first {length} bytes", bytes[..length], TajikToEnglish);
        }
    }

    [Fact]
    public async Task Damaged_documents_are_read_as_XmlReader_reads_them()
    {
        // Every construct the reader handles, then bytes changed, dropped and added at random (a fixed seed: the same cases each run).
        var document = "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<!-- c -->\n"
            + "<tmx version=\"1.4\"><header srclang=\"tg\" creationtool=\"t\" o-tmf=\"x\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\"/>"
            + "<body>\n\t<tu tuid='a&amp;b' creationdate=\"20240101T000000Z\"><prop type=\"x-a\">v &#x41;</prop><note>n</note>\r\n"
            + "<tuv xml:lang=\"tg\"><seg>Ман <hi x=\"1\">хонаи</hi> <ph>&lt;br/&gt;</ph><?pi x?>кӯҳ <![CDATA[<b>]]>&#128512;.</seg></tuv>"
            + "<tuv xml:lang=\"en\"><seg>I <bpt i=\"1\">&lt;i&gt;</bpt>house<ept i=\"1\">&lt;/i&gt;</ept>.</seg></tuv></tu>\r"
            + Unit("Китоб.", "Book.") + "\n</body></tmx>\n";
        var original = Encoding.UTF8.GetBytes(document);
        var random = new Random(12_345);
        const string Alphabet = "<>/&;\"'=!?-[] \r\nabtu#x0";
        for (var round = 0; round < 400; round++)
        {
            var bytes = new List<byte>(original);
            for (var change = random.Next(1, 3); change > 0; change--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0:
                        bytes[at] = (byte)Alphabet[random.Next(Alphabet.Length)];
                        break;
                    case 1:
                        bytes.RemoveAt(at);
                        break;
                    default:
                        bytes.Insert(at, (byte)Alphabet[random.Next(Alphabet.Length)]);
                        break;
                }
            }

            await TmxReaderDriverTests.AssertSameAsync($"round {round}", [.. bytes], TajikToEnglish);
        }
    }

    [Fact]
    public async Task Long_documents_with_long_text_across_buffer_refills_are_read_as_XmlReader_reads_them()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 3_000; i++)
        {
            body.Append(Unit($"Ҷумлаи {i} &amp; 😀 хона.", $"Sentence {i}.")).Append(i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\r" : "\n");
        }

        // A segment over the length limit (rejected, at the line and column XmlReader gives) and one just under it.
        body.Append(Unit(new string('а', UnitLimits.MaxSegmentLength + 10))).Append('\n').Append(Unit(new string('б', 70_000)));
        var bytes = Encoding.UTF8.GetBytes(Document(body.ToString()));
        await TmxReaderDriverTests.AssertSameAsync("long document", bytes, TajikToEnglish);
        var (items, readsFast, _) = await ReadAllAsync(bytes);
        Assert.True(readsFast, "the reader fell back to XmlReader on an ordinary document");
        Assert.Equal(3_002, items.Count);
        Assert.NotNull(items[^2].Rejection);
    }

    [Theory]
    [InlineData("utf-8 with a byte-order mark")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public async Task Documents_in_UTF_8_and_UTF_16_with_a_byte_order_mark_are_read_fast(string encodingName)
    {
        var encoding = encodingName switch
        {
            "utf-16" => new UnicodeEncoding(false, true),
            "utf-16BE" => new UnicodeEncoding(true, true),
            _ => (Encoding)new UTF8Encoding(true),
        };
        var declared = encodingName.StartsWith("utf-16", StringComparison.Ordinal) ? "UTF-16" : "UTF-8";
        var text = Ordinary.Replace("encoding=\"UTF-8\"", $"encoding=\"{declared}\"", StringComparison.Ordinal);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
        await TmxReaderDriverTests.AssertSameAsync(encodingName, bytes, TajikToEnglish);
        Assert.True((await ReadAllAsync(bytes)).ReadsFast);
    }

    [Fact]
    public async Task Another_declared_encoding_is_read_by_XmlReader()
    {
        var latin1 = Encoding.Latin1.GetBytes(Document(Unit("Caf\u00e9.", "Caf\u00e9.")).Replace("UTF-8", "ISO-8859-1", StringComparison.Ordinal));
        await TmxReaderDriverTests.AssertSameAsync("latin-1", latin1, TajikToEnglish);
        var (items, readsFast, _) = await ReadAllAsync(latin1);
        Assert.False(readsFast);
        Assert.Equal("Caf\u00e9.", items.Single().Accepted().Source.Text);
    }

    [Fact]
    public async Task A_fallback_in_the_middle_gives_each_unit_and_skip_once()
    {
        // Units before the construct XmlReader must read (xml:space) were already given; XmlReader passes over them.
        var other = "<tu><tuv xml:lang=\"fr\"><seg>Livre.</seg></tuv><tuv xml:lang=\"de\"><seg>Buch.</seg></tuv></tu>";
        var body = other + "\n" + Unit("Китоб.", "Book.") + "\n" + "<tu/>\n" + other + "\n"
            + "<tu xml:space=\"preserve\"><tuv xml:lang=\"tg\"><seg> Дар. </seg></tuv><tuv xml:lang=\"en\"><seg> Door. </seg></tuv></tu>\n"
            + other + "\n" + Unit("Хона.", "House.");
        var bytes = Encoding.UTF8.GetBytes(Document(body));
        await TmxReaderDriverTests.AssertSameAsync("fallback in the middle", bytes, TajikToEnglish);
        var (items, readsFast, skipped) = await ReadAllAsync(bytes);
        Assert.False(readsFast);
        Assert.Equal(["Китоб.", null, " Дар. ", "Хона."], items.Select(i => i.Unit?.Source.Text));
        Assert.Equal(3, skipped);
    }

    [SkippableFact]
    public async Task Every_TMX_file_in_the_shared_data_is_read_as_XmlReader_reads_it()
    {
        var root = SharedData.Require(".");
        var files = Directory.EnumerateFiles(root, "*.tmx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var bytes = await File.ReadAllBytesAsync(path);
            await TmxReaderDriverTests.AssertSameAsync(path, bytes, TajikToEnglish);
            await TmxReaderDriverTests.AssertSameAsync(path + " en→de", bytes,
                new TmxReadOptions(LanguageTag.Parse("en", "source"), LanguageTag.Parse("de", "target")));
        }
    }

    /// <summary>Every item of the document, whether the fast reader read all of it, and how many units were skipped.</summary>
    private static async Task<(List<Core.Storage.ImportItem> Items, bool ReadsFast, long Skipped)> ReadAllAsync(byte[] bytes)
    {
        await using var stream = new MemoryStream(bytes);
        using var reader = await TmxReader.OpenAsync(stream, TajikToEnglish);
        var items = new List<Core.Storage.ImportItem>();
        await foreach (var item in reader.ReadUnitsAsync())
        {
            items.Add(item);
        }

        return (items, reader.ReadsFast, reader.SkippedCount);
    }
}
