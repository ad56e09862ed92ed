using System.Globalization;
using Tarjuma.Core.Model;
using Tarjuma.Evaluation.Matching;

namespace Tarjuma.Benchmarks;

/// <summary>
/// A deterministic, realistic memory of any size from real sentence pairs (NTREX news, GNOME
/// interface strings, SDG site strings): each unit is a base pair (4%), a near-duplicate of one
/// (a number changed, a word dropped, case changed: 16%), two pairs recombined at proportional
/// word positions (60%) or a window of 3–12 words (20%, the short segments). It never sees the
/// benchmark's queries.
/// </summary>
internal sealed class MatchingMemoryGenerator
{
    private readonly List<(string[] Tajik, string[] English)> _pairs;

    public MatchingMemoryGenerator(IEnumerable<QualityPair> pairs)
    {
        _pairs = pairs
            .Select(p => (p.Tajik.Split(' ', StringSplitOptions.RemoveEmptyEntries), p.English.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Item1.Length > 0 && p.Item2.Length > 0)
            .ToList();
    }

    public int BasePairs => _pairs.Count;

    /// <summary>All translated pairs the generator is built from: NTREX, GNOME (translated rows only) and SDG.</summary>
    public static List<QualityPair> LoadBase(string root)
    {
        var pairs = MatchingData.NtrexPairs(root);
        foreach (var file in new[] { "gnome-control-center.en-tg.tsv", "nautilus.en-tg.tsv" })
        {
            pairs.AddRange(File.ReadLines(Path.Combine(root, "more-pairs", file)).Skip(1)
                .Select(l => l.Split('\t'))
                .Where(f => f.Length >= 4 && string.Equals(f[0], "translated", StringComparison.Ordinal) && f[3].Length > 0)
                .Select(f => new QualityPair(f[3].Replace("_", string.Empty, StringComparison.Ordinal), f[2].Replace("_", string.Empty,
                    StringComparison.Ordinal))));
        }

        pairs.AddRange(File.ReadLines(Path.Combine(root, "more-pairs", "sdg_translations.en-tg.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 4 && f[3].Length > 0)
            .Select(f => new QualityPair(f[3], f[2])));
        return pairs;
    }

    public async IAsyncEnumerable<TranslationUnit> GenerateAsync(int count)
    {
        foreach (var unit in Generate(count))
        {
            yield return unit;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public IEnumerable<TranslationUnit> Generate(int count)
    {
        var random = new Random(20261128);
        for (var id = 1; id <= count; id++)
        {
            var (tajik, english) = _pairs[random.Next(_pairs.Count)];
            var roll = random.Next(100);
            string tg, en;
            if (roll < 4)
            {
                (tg, en) = (string.Join(' ', tajik), string.Join(' ', english));
            }
            else if (roll < 20)
            {
                (tg, en) = NearDuplicate(tajik, english, random);
            }
            else if (roll < 80)
            {
                var (tajik2, english2) = _pairs[random.Next(_pairs.Count)];
                var cut = 0.2 + (random.NextDouble() * 0.6);
                var cut2 = 0.2 + (random.NextDouble() * 0.6);
                tg = Join(tajik, 0, Split(tajik, cut), tajik2, Split(tajik2, cut2), tajik2.Length);
                en = Join(english, 0, Split(english, cut), english2, Split(english2, cut2), english2.Length);
            }
            else
            {
                var length = 3 + random.Next(10);
                var start = random.NextDouble();
                tg = Window(tajik, start, length);
                en = Window(english, start, length);
            }

            yield return new TranslationUnit { Id = id, Source = SegmentText.Plain(tg), Target = SegmentText.Plain(en) };
        }
    }

    private static int Split(string[] words, double at) => Math.Clamp((int)Math.Round(words.Length * at), 1, Math.Max(1, words.Length - 1));

    private static string Join(string[] a, int from, int to, string[] b, int from2, int to2) =>
        string.Join(' ', a[from..Math.Min(to, a.Length)].Concat(b[Math.Min(from2, b.Length)..to2]));

    private static string Window(string[] words, double start, int length)
    {
        var first = (int)(start * Math.Max(0, words.Length - length));
        return string.Join(' ', words.Skip(first).Take(length));
    }

    private static (string, string) NearDuplicate(string[] tajik, string[] english, Random random)
    {
        var tg = (string[])tajik.Clone();
        var en = (string[])english.Clone();
        switch (random.Next(3))
        {
            case 0:
                var year = (1990 + random.Next(40)).ToString(CultureInfo.InvariantCulture);
                return (string.Join(' ', tg) + " соли " + year, string.Join(' ', en) + " in " + year);
            case 1:
                if (tg.Length > 3)
                {
                    tg = tg.Where((_, i) => i != tg.Length / 2).ToArray();
                }

                return (string.Join(' ', tg), string.Join(' ', en));
            default:
                return (string.Join(' ', tg).ToUpperInvariant(), string.Join(' ', en));
        }
    }
}
