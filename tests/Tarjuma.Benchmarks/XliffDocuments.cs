using System.Security;
using System.Text;

namespace Tarjuma.Benchmarks;

/// <summary>XLIFF 1.2 documents and TMX memories written for the XLIFF benchmarks.</summary>
internal static class XliffDocuments
{
    /// <summary>An XLIFF 1.2 document with one trans-unit per Tajik sentence.</summary>
    public static void Write(string path, IEnumerable<string> sentences)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
        writer.Write("<file original=\"bench.txt\" source-language=\"tg\" target-language=\"en\" datatype=\"plaintext\"><body>\n");
        var id = 0;
        foreach (var sentence in sentences)
        {
            writer.Write($"<trans-unit id=\"{id++}\"><source>{SecurityElement.Escape(sentence)}</source></trans-unit>\n");
        }

        writer.Write("</body></file></xliff>\n");
    }

    /// <summary>A TMX 1.4b memory of (Tajik, English) pairs.</summary>
    public static void WriteTmx(string path, IEnumerable<(string Tajik, string English)> pairs)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" "
                + "adminlang=\"en\" o-tmf=\"bench\" creationtool=\"bench\" creationtoolversion=\"1\"/><body>\n");
        foreach (var (tajik, english) in pairs)
        {
            writer.Write(
                $"<tu><tuv xml:lang=\"tg\"><seg>{SecurityElement.Escape(tajik)}</seg></tuv><tuv "
                    + $"xml:lang=\"en\"><seg>{SecurityElement.Escape(english)}</seg></tuv></tu>\n");
        }

        writer.Write("</body></tmx>\n");
    }
}
