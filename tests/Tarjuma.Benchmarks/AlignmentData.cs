using Tarjuma.Alignment.Evaluation;

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
