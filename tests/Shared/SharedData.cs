namespace Tarjuma.Tests;

/// <summary>
/// Locates the workplace's public development data (<c>../shared/data</c> beside the clone).
/// Tests that need it call <see cref="Require"/>, which skips them with a reason when it is absent,
/// so a fresh clone's test run passes; on CI (<c>CI=true</c>) a missing folder is an error instead.
/// <c>TARJUMA_SHARED_DATA</c> overrides the location.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> LazyRoot = new(Locate);

    /// <summary>The data folder, or null when it cannot be found.</summary>
    public static string? Root => LazyRoot.Value;

    /// <summary>The repository root (the folder holding <c>Tarjuma.slnx</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Full path of <paramref name="relative"/> under the data folder; skips the test when absent.</summary>
    public static string Require(string relative)
    {
        var root = Root;
        var onCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (root is null)
        {
            if (onCi)
            {
                throw new InvalidOperationException("../shared/data is missing on CI; set TARJUMA_SHARED_DATA.");
            }

            Skip.If(true, "../shared/data is not present beside this clone (set TARJUMA_SHARED_DATA to run this test).");
        }

        var path = Path.Combine(root!, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            if (onCi)
            {
                throw new FileNotFoundException($"Shared data file missing on CI: {path}");
            }

            Skip.If(true, $"Shared data file not present: {path}");
        }

        return path;
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TARJUMA_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tarjuma.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Tarjuma.slnx not found above " + AppContext.BaseDirectory);
    }
}
