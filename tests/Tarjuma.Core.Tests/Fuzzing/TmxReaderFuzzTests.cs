using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;

namespace Tarjuma.Core.Tests.Fuzzing;

/// <summary>Hostile TMX: whatever the bytes, the reader yields units and rejections or throws <see cref="TarjumaException"/>.</summary>
public sealed class TmxReaderFuzzTests
{
    internal const string ValidTmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <header creationtool="tests" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="tg" o-tmf="none"/>
          <body>
            <tu tuid="1" creationdate="20261128T000000Z"><prop type="x-note">санҷиш</prop>
              <tuv xml:lang="tg"><seg>Ҳаво имрӯз <bpt i="1">&lt;b&gt;</bpt>хеле<ept i="1">&lt;/b&gt;</ept> гарм аст.</seg></tuv>
              <tuv xml:lang="en"><seg>The weather is <bpt i="1">&lt;b&gt;</bpt>very<ept i="1">&lt;/b&gt;</ept> warm today.</seg></tuv>
            </tu>
            <tu><tuv xml:lang="tg"><seg>Мо ба мактаб <ph x="1">&lt;br/&gt;</ph> меравем.</seg></tuv>
                <tuv xml:lang="en"><seg>We go to <ph x="1">&lt;br/&gt;</ph> school.</seg></tuv></tu>
          </body>
        </tmx>
        """;

    private static readonly TmxReadOptions Options = new(LanguageTag.Parse("tg", "source"), LanguageTag.Parse("en", "target"));

    private static readonly string[] Fragments =
    [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<tmx version=\"1.4\">", "</tmx>",
        "<header srclang=\"tg\"/>", "<header srclang=\"*all*\">", "</header>", "<body>", "</body>", "<tu>", "</tu>", "<tu tuid=\"x\">",
        "<tuv xml:lang=\"tg\">", "<tuv xml:lang=\"en\">", "<tuv lang=\"EN-us\">", "</tuv>", "<seg>", "</seg>", "<bpt i=\"1\">", "</bpt>",
        "<ept i=\"1\">", "</ept>", "<ph/>", "<it pos=\"begin\">", "</it>", "<hi>", "</hi>", "<sub>", "</sub>", "<ut>", "<prop type=\"a\">",
        "</prop>", "<note>", "</note>", "<unknown a=\"b\">", "Ҳаво гарм аст.", "text", "&amp;", "&lt;", "&foo;", "&#1234;", "&#xFFFE;",
        "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>", "&b;",
        "<!ENTITY x SYSTEM \"file:///etc/passwd\">", "<![CDATA[<seg>]]>", "<!-- c -->", "<?pi x?>", " ", "\n", "\u0000", "\uFEFF",
    ];

    [Fact]
    public void Random_bytes_never_throw_anything_but_a_tarjuma_exception()
    {
        var bytes = Gen.Choose(0, 2_000).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
        Prop.ForAll(bytes.ToArbitrary(), ReadsOrRejects).Check(Fuzz.Config());
    }

    [Fact]
    public void Random_xml_fragments_never_throw_anything_but_a_tarjuma_exception()
    {
        var documents = Gen.Choose(0, 60)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements(Fragments), n))
            .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        Prop.ForAll(documents.ToArbitrary(), ReadsOrRejects).Check(Fuzz.Config());
    }

    [Fact]
    public void Mutated_valid_tmx_never_throws_anything_but_a_tarjuma_exception()
    {
        var valid = Encoding.UTF8.GetBytes(ValidTmx);
        Assert.Equal(2, Read(valid).Count(i => i.Unit is not null));
        Prop.ForAll(Fuzz.Mutated(valid).ToArbitrary(), ReadsOrRejects).Check(Fuzz.Config());
    }

    /// <summary>The property: reading completes, or fails with our exception (which has a position for the user).</summary>
    internal static bool ReadsOrRejects(byte[] bytes)
    {
        try
        {
            _ = Read(bytes);
            return true;
        }
        catch (TarjumaException)
        {
            return true;
        }
    }

    private static List<Storage.ImportItem> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var items = new List<Storage.ImportItem>();
        var enumerator = TmxReader.ReadAsync(stream, Options).GetAsyncEnumerator();
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                items.Add(enumerator.Current);
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return items;
    }
}
