namespace Tarjuma.Benchmarks;

/// <summary>Finds <c>../shared/data</c> (or <c>--data DIR</c>, or <c>TARJUMA_SHARED_DATA</c>) for the segmentation commands.</summary>
internal static class SegmentationData
{
    public static string Root(string[] args)
    {
        var index = Array.IndexOf(args, "--data");
        if (index >= 0 && index + 1 < args.Length)
        {
            return args[index + 1];
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("TARJUMA_SHARED_DATA");
        return !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data"));
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tarjuma.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Running text of the development documents, repeated to at least <paramref name="minChars"/>.</summary>
    public static string Corpus(string root, string language, int minChars)
    {
        var path = Path.Combine(root, "ntrex-dev", $"segmentation.{language}.jsonl");
        var texts = Tarjuma.Evaluation.Segmentation.SegmentationEvaluation.ReadDocuments(path).Select(d => d.Text).ToList();
        var sb = new System.Text.StringBuilder(minChars + 100_000);
        while (sb.Length < minChars)
        {
            foreach (var t in texts)
            {
                sb.Append(t).Append("\n\n");
            }
        }

        return sb.ToString();
    }
}
