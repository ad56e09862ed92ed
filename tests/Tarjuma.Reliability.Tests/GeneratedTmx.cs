using System.Globalization;
using System.Security;
using System.Text;

namespace Tarjuma.Reliability.Tests;

/// <summary>Deterministic TMX files of our own made-up sentences (Tajik → English), unique per tag.</summary>
internal static class GeneratedTmx
{
    private static readonly string[] TajikWords = ["китоб", "хона", "дарё", "кӯҳ", "мактаб", "шаҳр", "деҳа", "боғ", "роҳ", "осмон"];
    private static readonly string[] EnglishWords = ["book", "house", "river", "mountain", "school", "city", "village", "garden", "road", "sky"];

    public static byte[] Build(string tag, int units) =>
        Build(Enumerable.Range(0, units).Select(i => Sentence(tag, i)), units);

    /// <summary>A TMX 1.4b file (tg → en) of the given pairs.</summary>
    public static byte[] Build(IEnumerable<(string Tajik, string English)> pairs, int expected = 1_000)
    {
        var text = new StringBuilder(expected * 200);
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n")
            .Append("<header creationtool=\"Tarjuma.Reliability\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                + "srclang=\"tg\" o-tmf=\"none\"/>\n<body>\n");
        foreach (var (tajik, english) in pairs)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"<tu><tuv xml:lang=\"tg\"><seg>{SecurityElement.Escape(tajik)}</seg></tuv><tuv "
                    + $"xml:lang=\"en\"><seg>{SecurityElement.Escape(english)}</seg></tuv></tu>\n");
        }

        text.Append("</body>\n</tmx>\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The i-th sentence pair for <paramref name="tag"/>: three words and the numbers make it unique.</summary>
    public static (string Tajik, string English) Sentence(string tag, int i)
    {
        var a = i % 10;
        var b = i / 10 % 10;
        var c = i / 100 % 10;
        return (
            string.Create(CultureInfo.InvariantCulture, $"Дар {TajikWords[a]} ва {TajikWords[b]} {TajikWords[c]} рақами {i} аз {tag} аст."),
            string.Create(CultureInfo.InvariantCulture,
                $"In the {EnglishWords[a]} and the {EnglishWords[b]} {EnglishWords[c]} there is number {i} from {tag}."));
    }
}
