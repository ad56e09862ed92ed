using System.Text;

namespace Tarjuma.Client.Tests;

/// <summary>Sentences written for these tests (not taken from any corpus).</summary>
internal static class Fixtures
{
    public const string Book = "Ман китоб мехонам.";
    public const string BookEn = "I am reading a book.";
    public const string Weather = "Имрӯз ҳаво гарм аст.";
    public const string WeatherEn = "The weather is hot today.";
    public const string Garden = "Боғи мо калон аст.";
    public const string GardenEn = "Our garden is big.";

    /// <summary>A TMX 1.4b file with the three pairs.</summary>
    public static byte[] Tmx()
    {
        var units = new StringBuilder();
        foreach (var (tg, en) in new[] { (Book, BookEn), (Weather, WeatherEn), (Garden, GardenEn) })
        {
            units.Append("    <tu>\n")
                .Append("      <tuv xml:lang=\"tg\"><seg>").Append(tg).Append("</seg></tuv>\n")
                .Append("      <tuv xml:lang=\"en\"><seg>").Append(en).Append("</seg></tuv>\n")
                .Append("    </tu>\n");
        }

        return Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            "<tmx version=\"1.4\">\n" +
            "  <header creationtool=\"tests\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"none\" adminlang=\"en\" srclang=\"tg\" "
                + "datatype=\"plaintext\"/>\n" +
            "  <body>\n" + units + "  </body>\n</tmx>\n");
    }

    /// <summary>A TMX file whose fourth line closes an element that was never opened.</summary>
    public static byte[] BrokenTmx() => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
        "<tmx version=\"1.4\">\n" +
        "  <header creationtool=\"tests\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"none\" adminlang=\"en\" srclang=\"tg\" "
            + "datatype=\"plaintext\"/>\n" +
        "  <body></tu>\n" +
        "</tmx>\n");
}
