using Tarjuma.Evaluation.Alignment;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Shared pieces of the alignment commands: where the development data and the repository are,
/// the NTREX-128 documents, and the memory lexicon learned from a set of reference documents.
/// </summary>
internal static class AlignmentData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary><c>../shared/data</c> beside the clone, or <c>TARJUMA_SHARED_DATA</c>.</summary>
    public static string SharedData =>
        Environment.GetEnvironmentVariable("TARJUMA_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string NtrexPath => Path.Combine(SharedData, "ntrex-dev", "alignment.jsonl");

    public static string UdhrPath => Path.Combine(SharedData, "udhr");

    public static string ModelPath => Path.Combine(RepositoryRoot, "src", "Tarjuma.Alignment", "Model", "aligner.zip");

    public static List<GoldDocument>? LoadNtrex()
    {
        if (!File.Exists(NtrexPath))
        {
            Console.Error.WriteLine($"NTREX alignment data not found at {NtrexPath} (set TARJUMA_SHARED_DATA).");
            return null;
        }

        return GoldDocument.ReadJsonLines(NtrexPath);
    }

    /// <summary>
    /// The repository's seed article (<c>seeds/president-2024-04-30</c>), segmented with the built-in
    /// rules; its reference is the 1-1 diagonal. Held out: never used for training.
    /// </summary>
    public static GoldDocument? LoadSeed()
    {
        var tajikPath = Path.Combine(RepositoryRoot, "seeds", "president-2024-04-30.tg.txt");
        var englishPath = Path.Combine(RepositoryRoot, "seeds", "president-2024-04-30.en.txt");
        if (!File.Exists(tajikPath) || !File.Exists(englishPath))
        {
            return null;
        }

        var tajik = Segment(File.ReadAllText(tajikPath), "tg");
        var english = Segment(File.ReadAllText(englishPath), "en");
        var links = Enumerable.Range(0, Math.Min(tajik.Count, english.Count)).Select(i => (new[] { i }, new[] { i })).ToList();
        return new GoldDocument("seed president-2024-04-30", tajik, english, links);
    }

    private static List<string> Segment(string text, string language)
    {
        var segmenter = Tarjuma.Core.Segmentation.Segmenter.Create(new Tarjuma.Core.Segmentation.SegmenterOptions { Language = language });
        return [.. segmenter.Segment(text).Select(span => text.Substring(span.Start, span.Length))];
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tarjuma.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
