using Tarjuma.Alignment.Alignment;
using Tarjuma.Alignment.Evaluation;
using Tarjuma.Alignment.Evidence;

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

    /// <summary>The reference beads of <paramref name="documents"/> as a memory would hold them (one unit a bead).</summary>
    public static IEnumerable<(string Tajik, string English)> Units(IEnumerable<GoldDocument> documents) =>
        documents.SelectMany(d => d.Links
            .Where(l => l.Tajik.Length > 0 && l.English.Length > 0)
            .Select(l => (string.Join(' ', l.Tajik.Select(i => d.Tajik[i])), string.Join(' ', l.English.Select(i => d.English[i])))));

    /// <summary>Gale–Church length parameters from the 1-1 reference beads.</summary>
    public static LengthModel EstimateLength(IEnumerable<GoldDocument> documents) =>
        LengthModel.Estimate(documents.SelectMany(d => d.Links
            .Where(l => l.Tajik.Length == 1 && l.English.Length == 1)
            .Select(l => (NonSpace(d.Tajik[l.Tajik[0]]), NonSpace(d.English[l.English[0]])))));

    public static AlignmentMetrics Evaluate(IEnumerable<GoldDocument> documents, SentenceAligner aligner)
    {
        var total = default(AlignmentMetrics);
        foreach (var document in documents)
        {
            total += AlignmentMetrics.Score(document.Links, aligner.Align(document.Tajik, document.English));
        }

        return total;
    }

    private static int NonSpace(string text) => text.Count(c => !char.IsWhiteSpace(c));

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
