using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Repository;

/// <summary>Lines fit a side-by-side diff: <c>max_line_length = 160</c> in <c>.editorconfig</c>, which no analyzer checks for C#.</summary>
public sealed class LineLengthTests
{
    private const int MaxLineLength = 160;

    [Fact]
    public void No_cs_line_under_src_or_tests_is_longer_than_160_characters()
    {
        var offenders = new List<string>();
        var files = 0;
        foreach (var folder in new[] { "src", "tests" })
        {
            foreach (var path in SourceFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                files++;
                var number = 0;
                foreach (var line in File.ReadLines(path))
                {
                    number++;
                    if (line.Length > MaxLineLength)
                    {
                        var relative = Path.GetRelativePath(SharedData.RepositoryRoot, path).Replace('\\', '/');
                        offenders.Add($"{relative}:{number} ({line.Length} characters)");
                    }
                }
            }
        }

        Assert.True(files > 100, $"only {files} .cs files found under src/ and tests/: is the repository root right?");
        Assert.True(offenders.Count == 0, $"{offenders.Count} lines over {MaxLineLength} characters:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_editorconfig_sets_the_same_maximum()
    {
        var editorconfig = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, ".editorconfig"));

        Assert.Contains($"max_line_length = {MaxLineLength}", editorconfig);
    }

    /// <summary>The .cs files of a folder, without build output (<c>bin/</c>, <c>obj/</c>: generated code).</summary>
    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(path =>
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            return !relative.Split('/').Any(part => part is "bin" or "obj");
        });
}
