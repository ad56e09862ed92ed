namespace Tarjuma.Benchmarks;

/// <summary>
/// The text under <c>../shared/data</c> that abbreviations may be learned from, Tajik (or, for a
/// check of the learner on text that has abbreviations, English): the UN SDG strings, the
/// translated GNOME strings and the UDHR. Never NTREX-128 (<c>ntrex-dev</c>), which is the
/// segmentation evaluation set. Each text carries its document (SDG file, GNOME package,
/// UDHR section) so that a held-out part can be split off by document.
/// </summary>
internal static class TrainingText
{
    public sealed record Text(string Document, string Content);

    public static List<Text> Read(string root, string language)
    {
        var english = string.Equals(language, "en", StringComparison.Ordinal);
        var texts = new List<Text>();
        foreach (var row in Rows(Path.Combine(root, "more-pairs", "sdg_translations.en-tg.tsv")))
        {
            // file, key, en, tg
            Add(texts, "sdg/" + row[0], row.Length > 3 ? row[english ? 2 : 3] : "");
        }

        foreach (var package in new[] { "gnome-control-center", "nautilus" })
        {
            foreach (var row in Rows(Path.Combine(root, "more-pairs", package + ".en-tg.tsv")))
            {
                // status, msgctxt, msgid, msgstr, prev_msgid; fuzzy rows are often wrong translations.
                if (string.Equals(row[0], "translated", StringComparison.Ordinal) && row.Length > 3)
                {
                    Add(texts, "gnome/" + package, row[english ? 2 : 3]);
                }
            }
        }

        foreach (var row in Rows(Path.Combine(root, "udhr", english ? "udhr_eng.units.tsv" : "udhr_tgk.units.tsv")))
        {
            // section, kind, idx, text
            Add(texts, "udhr/" + row[0], row.Length > 3 ? row[3] : "");
        }

        return texts;
    }

    /// <summary>
    /// Whether <paramref name="document"/> is in the held-out part: a stable hash (FNV-1a) of its
    /// name, one document in five.
    /// </summary>
    public static bool IsHeldOut(string document)
    {
        var hash = 2166136261u;
        foreach (var c in document)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % 5 == 0;
    }

    private static void Add(List<Text> texts, string document, string content)
    {
        var text = content.Replace("\\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > 0)
        {
            texts.Add(new Text(document, text));
        }
    }

    private static IEnumerable<string[]> Rows(string path) => File.ReadLines(path).Skip(1).Select(line => line.Split('\t'));
}
