using System.Text.Json;

namespace Tarjuma.Evaluation.Alignment;

/// <summary>A document pair with its reference beads (Tajik indices, English indices).</summary>
internal sealed record GoldDocument(string Name, IReadOnlyList<string> Tajik, IReadOnlyList<string> English, IReadOnlyList<(int[] Tajik, int[] English)> Links)
{
    /// <summary>Reads NTREX-style <c>alignment.jsonl</c>: one document a line with <c>tg</c>, <c>en</c>, <c>links</c>.</summary>
    public static List<GoldDocument> ReadJsonLines(string path)
    {
        var result = new List<GoldDocument>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var links = root.GetProperty("links").EnumerateArray()
                .Select(l => (l[0].EnumerateArray().Select(e => e.GetInt32()).ToArray(), l[1].EnumerateArray().Select(e => e.GetInt32()).ToArray()))
                .ToList();
            result.Add(new GoldDocument(
                root.GetProperty("doc").GetString() ?? string.Empty,
                [.. root.GetProperty("tg").EnumerateArray().Select(e => e.GetString() ?? string.Empty)],
                [.. root.GetProperty("en").EnumerateArray().Select(e => e.GetString() ?? string.Empty)],
                links));
        }

        return result;
    }

    /// <summary>
    /// The UDHR pair (<c>udhr_tgk.units.tsv</c>, <c>udhr_eng.units.tsv</c>: section, kind, idx, text),
    /// one unit per sentence. Units with the same key are linked, except in the preamble, where the
    /// Tajik text leaves out the fourth English recital and renders "Now, therefore, / The General
    /// Assembly" as one paragraph; that part of the reference is written out here by hand.
    /// </summary>
    public static GoldDocument ReadUdhr(string directory)
    {
        var tajik = ReadUnits(Path.Combine(directory, "udhr_tgk.units.tsv"));
        var english = ReadUnits(Path.Combine(directory, "udhr_eng.units.tsv"));
        var englishIndex = english.Select((u, i) => (u.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        // Preamble paragraphs, Tajik idx → English idx (read side by side; en 4 has no Tajik counterpart).
        var preamble = new Dictionary<int, int[]> { [1] = [1], [2] = [2], [3] = [3], [4] = [5], [5] = [6], [6] = [7], [7] = [8, 9], [8] = [10] };
        var links = new List<(int[], int[])>();
        for (var i = 0; i < tajik.Count; i++)
        {
            var unit = tajik[i];
            if (unit.Key.StartsWith("preamble\tpara\t", StringComparison.Ordinal))
            {
                var idx = int.Parse(unit.Key.AsSpan("preamble\tpara\t".Length), System.Globalization.CultureInfo.InvariantCulture);
                links.Add(([i], [.. preamble[idx].Select(e => englishIndex["preamble\tpara\t"
                    + e.ToString(System.Globalization.CultureInfo.InvariantCulture)])]));
            }
            else if (englishIndex.TryGetValue(unit.Key, out var j))
            {
                links.Add(([i], [j]));
            }
        }

        return new GoldDocument("udhr", [.. tajik.Select(u => u.Text)], [.. english.Select(u => u.Text)], links);
    }

    private static List<(string Key, string Text)> ReadUnits(string path) =>
        [.. File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cut = l.LastIndexOf('\t');
            return (l[..cut], l[(cut + 1)..]);
        })];
}
