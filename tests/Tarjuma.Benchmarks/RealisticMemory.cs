using System.Globalization;
using System.Security;
using System.Text;

namespace Tarjuma.Benchmarks;

/// <summary>
/// A deterministic memory of any size with the vocabulary of all the Tajik text in
/// <c>../shared/data</c> (NTREX, UDHR, GNOME, SDG), unlike <see cref="MatchingMemoryGenerator"/>,
/// which only recombines pairs. Each unit is a real pair (or a window of 3–10 of its words, 15 %,
/// or two pairs joined, 25 %) with 0–4 edits: a word replaced by any word of the vocabulary, a word
/// inserted, a word deleted, a number changed or added. Queries are drawn with another seed: stored
/// segments, and long or short sentences edited the same way (almost never stored as such).
/// </summary>
internal sealed class RealisticMemory
{
    private readonly List<(string[] Tajik, string English)> _pairs;
    private readonly string[] _vocabulary;

    private RealisticMemory(List<(string[] Tajik, string English)> pairs, string[] vocabulary)
    {
        _pairs = pairs;
        _vocabulary = vocabulary;
    }

    public int BasePairs => _pairs.Count;

    public int Vocabulary => _vocabulary.Length;

    public static RealisticMemory Load(string root)
    {
        var pairs = MatchingMemoryGenerator.LoadBase(root).Select(p => (Words(p.Tajik), p.English)).ToList();

        // UDHR paragraphs paired by (section, kind, index) where both languages have one.
        var english = UdhrRows(Path.Combine(root, "udhr", "udhr_eng.units.tsv")).ToDictionary(r => r.Key, r => r.Text, StringComparer.Ordinal);
        foreach (var (key, text) in UdhrRows(Path.Combine(root, "udhr", "udhr_tgk.units.tsv")))
        {
            pairs.Add((Words(text), english.GetValueOrDefault(key, key)));
        }

        pairs.RemoveAll(p => p.Item1.Length == 0);

        // Every Tajik word there is, the fuzzy GNOME strings included (their Tajik is real too).
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tajik, _) in pairs)
        {
            words.UnionWith(tajik.Select(Bare).Where(w => w.Length > 0 && !char.IsAsciiDigit(w[0])));
        }

        foreach (var file in new[] { "gnome-control-center.en-tg.tsv", "nautilus.en-tg.tsv" })
        {
            foreach (var fields in File.ReadLines(Path.Combine(root, "more-pairs", file)).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length >= 4))
            {
                words.UnionWith(Words(fields[3].Replace("_", string.Empty, StringComparison.Ordinal)).Select(Bare).Where(w => w.Length > 0));
            }
        }

        var vocabulary = words.Order(StringComparer.Ordinal).ToArray();
        return new RealisticMemory(pairs, vocabulary);
    }

    /// <summary>Writes <paramref name="units"/> units as TMX 1.4b (tg → en) to <paramref name="path"/>.</summary>
    public void WriteTmx(string path, int units)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
        writer.Write(
            "<header creationtool=\"Tarjuma.Benchmarks\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                + "srclang=\"tg\" o-tmf=\"none\"/>\n<body>\n");
        foreach (var (tajik, english) in Units(units))
        {
            writer.Write("<tu><tuv xml:lang=\"tg\"><seg>");
            writer.Write(SecurityElement.Escape(tajik));
            writer.Write("</seg></tuv><tuv xml:lang=\"en\"><seg>");
            writer.Write(SecurityElement.Escape(english));
            writer.Write("</seg></tuv></tu>\n");
        }

        writer.Write("</body>\n</tmx>\n");
    }

    /// <summary>The units, in order (the same for the same count).</summary>
    public IEnumerable<(string Tajik, string English)> Units(int count)
    {
        var random = new Random(20261130);
        for (var i = 0; i < count; i++)
        {
            yield return Unit(random);
        }
    }

    /// <summary><paramref name="take"/> stored sources spread evenly over the <paramref name="units"/> units.</summary>
    public List<string> Stored(int units, int take)
    {
        var step = Math.Max(1, units / Math.Max(1, take));
        return Units(units).Where((_, i) => i % step == step / 2).Select(u => u.Tajik).Take(take).ToList();
    }

    /// <summary>Edited sentences of 12 words or more (1–3 edits), another seed than the units'.</summary>
    public List<string> EditedLong(int count, int seed = 7)
    {
        var random = new Random(seed);
        var longPairs = _pairs.Where(p => p.Tajik.Length >= 12).ToList();
        return Enumerable.Range(0, count).Select(_ => string.Join(' ', Edit([.. longPairs[random.Next(longPairs.Count)].Tajik], 1 + random.Next(3),
            random))).ToList();
    }

    /// <summary>Edited windows of 3–6 words (one edit), another seed than the units'.</summary>
    public List<string> EditedShort(int count, int seed = 8)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var words = _pairs[random.Next(_pairs.Count)].Tajik;
            var length = 3 + random.Next(4);
            var first = random.Next(Math.Max(1, words.Length - length + 1));
            return string.Join(' ', Edit([.. words.Skip(first).Take(length)], 1, random));
        }).ToList();
    }

    private (string Tajik, string English) Unit(Random random)
    {
        var (tajik, english) = _pairs[random.Next(_pairs.Count)];
        var words = new List<string>(tajik);
        var roll = random.Next(100);
        if (roll < 15)
        {
            var length = 3 + random.Next(8);
            var first = random.Next(Math.Max(1, words.Count - length + 1));
            words = words.Skip(first).Take(length).ToList();
        }
        else if (roll < 40)
        {
            var (tajik2, english2) = _pairs[random.Next(_pairs.Count)];
            words = words.Take(Math.Max(1, words.Count / 2)).Concat(tajik2.Skip(tajik2.Length / 2)).ToList();
            english = english + " " + english2;
        }

        var edits = random.Next(100) switch { < 10 => 0, < 40 => 1, < 70 => 2, < 90 => 3, _ => 4 };
        return (string.Join(' ', Edit(words, edits, random)), english);
    }

    private List<string> Edit(List<string> words, int edits, Random random)
    {
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(words.Count);
            switch (random.Next(100))
            {
                case < 30:
                    words[at] = _vocabulary[random.Next(_vocabulary.Length)];
                    break;
                case < 55:
                    words.Insert(at, _vocabulary[random.Next(_vocabulary.Length)]);
                    break;
                case < 80 when words.Count > 2:
                    words.RemoveAt(at);
                    break;
                default:
                    var number = words.FindIndex(w => w.Length > 0 && char.IsAsciiDigit(w[0]));
                    var value = random.Next(2) == 0 ? (1990 + random.Next(40)).ToString(CultureInfo.InvariantCulture) : random.Next(1,
                        1000).ToString(CultureInfo.InvariantCulture);
                    if (number >= 0)
                    {
                        words[number] = value;
                    }
                    else
                    {
                        words.Insert(at, value);
                    }

                    break;
            }
        }

        return words;
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Bare(string word) => word.Trim('.', ',', ';', ':', '!', '?', '«', '»', '“', '”', '"', '(', ')', '–', '-', '—', '\'');

    private static IEnumerable<(string Key, string Text)> UdhrRows(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length >= 4 && f[3].Trim().Length > 0).Select(f => ($"{f[0]}/{f[1]}/{f[2]}",
            f[3].Trim()));
}
