using Tarjuma.Evaluation.Matching;

namespace Tarjuma.Benchmarks;

/// <summary>Reads the public development data the matching benchmarks use (never copied into the repository).</summary>
internal static class MatchingData
{
    /// <summary><c>../shared/data</c> beside the clone, or <c>TARJUMA_SHARED_DATA</c>.</summary>
    public static string? Root()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TARJUMA_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Tarjuma.slnx")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
                    return Directory.Exists(candidate) ? candidate : null;
                }
            }
        }

        return null;
    }

    /// <summary>Our own Tajik–English sentences with placeables (<c>tests/Tarjuma.Core.Tests/Data/Matching/placeable-pairs.tsv</c>), found from the repository
    /// root.</summary>
    public static List<QualityPair> PlaceablePairs()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tarjuma.slnx")))
            {
                return PlaceableEvaluation.ReadPairs(Path.Combine(directory.FullName, "tests", "Tarjuma.Core.Tests", "Data", "Matching",
                    "placeable-pairs.tsv"));
            }
        }

        throw new DirectoryNotFoundException("The repository root (Tarjuma.slnx) is not above the benchmark's directory.");
    }

    /// <summary>The NTREX development pairs (<c>ntrex-dev/parallel.tsv</c>: doc, tg, en).</summary>
    public static List<QualityPair> NtrexPairs(string root) =>
        File.ReadLines(Path.Combine(root, "ntrex-dev", "parallel.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 3)
            .Select(fields => new QualityPair(fields[1], fields[2]))
            .ToList();

    /// <summary>UN SDG site strings with both languages and a comma (<c>more-pairs/sdg_translations.en-tg.tsv</c>: file, key, en, tg).</summary>
    public static List<QualityPair> SdgPairs(string root) =>
        File.ReadLines(Path.Combine(root, "more-pairs", "sdg_translations.en-tg.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 4 && fields[2].Length > 0 && fields[3].Length > 0)
            .Select(fields => new QualityPair(fields[3].Trim(), fields[2].Trim()))
            .ToList();

    /// <summary>The NTREX development documents in order, each as its (doc, tg, en) rows.</summary>
    public static List<(string Doc, List<QualityPair> Pairs)> NtrexDocuments(string root) =>
        File.ReadLines(Path.Combine(root, "ntrex-dev", "parallel.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 3)
            .GroupBy(fields => fields[0], StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(fields => new QualityPair(fields[1], fields[2])).ToList()))
            .ToList();

    /// <summary>
    /// Sentences unrelated to the news: the UDHR (tg and en) and UN SDG site strings of three or
    /// more words. Returns (Tajik, English).
    /// </summary>
    public static (List<string> Tajik, List<string> English) Unrelated(string root)
    {
        static IEnumerable<string> Column(string path, int column) =>
            File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length > column).Select(f => f[column].Trim());

        static bool Sentence(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3;

        var tajik = Column(Path.Combine(root, "udhr", "udhr_tgk.units.tsv"), 3)
            .Concat(Column(Path.Combine(root, "more-pairs", "sdg_translations.en-tg.tsv"), 3))
            .Where(Sentence).Distinct(StringComparer.Ordinal).ToList();
        var english = Column(Path.Combine(root, "udhr", "udhr_eng.units.tsv"), 3)
            .Concat(Column(Path.Combine(root, "more-pairs", "sdg_translations.en-tg.tsv"), 2))
            .Where(Sentence).Distinct(StringComparer.Ordinal).ToList();
        return (tajik, english);
    }
}
