using System.Text.RegularExpressions;
using System.Xml.Linq;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Repository;

/// <summary>
/// The project graph under <c>src/</c> is the one the README's "Project graph" section draws: a
/// reference added across the layers (or one removed) fails here, naming the edge, until the README
/// says why it exists.
/// </summary>
public sealed class ProjectGraphTests
{
    private const string Arrow = "←";

    [Fact]
    public void Project_references_under_src_are_exactly_the_documented_graph()
    {
        var documented = DocumentedEdges();
        var actual = ActualEdges();

        var added = actual.Except(documented).Select(e => $"{e.From} → {e.To} ({e.From} references {e.To}; not in the README)");
        var removed = documented.Except(actual).Select(e => $"{e.To} {Arrow} {e.From} (in the README, but {e.From} does not reference {e.To})");
        var differences = added.Concat(removed).Order(StringComparer.Ordinal).ToList();
        Assert.True(differences.Count == 0, "README.md's Project graph and src/*/*.csproj differ:\n" + string.Join('\n', differences));
    }

    [Fact]
    public void The_documented_graph_names_only_projects_that_exist()
    {
        var projects = Projects().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var documented = DocumentedEdges();

        Assert.NotEmpty(documented);
        Assert.All(documented.SelectMany(e => new[] { e.From, e.To }), name => Assert.Contains(name, projects));
    }

    /// <summary>Edges as (referencing project, referenced project), short names (<c>Tarjuma.</c> left out).</summary>
    private static HashSet<(string From, string To)> ActualEdges()
    {
        var edges = new HashSet<(string, string)>();
        foreach (var (name, path) in Projects())
        {
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value ?? throw new InvalidOperationException($"{path}: a ProjectReference without Include");
                edges.Add((name, ShortName(Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))));
            }
        }

        return edges;
    }

    /// <summary>
    /// Reads the README's graph block: each line is <c>A ← B ← C, D ← E   comment</c>, an arrow
    /// pointing from the referenced project to the one referencing it.
    /// </summary>
    private static HashSet<(string From, string To)> DocumentedEdges()
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var section = readme.IndexOf("\n### Project graph\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '### Project graph' section");
        var block = Regex.Match(readme[section..], "```\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md's Project graph section has no ``` block");

        var edges = new HashSet<(string, string)>();
        foreach (var line in block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var graph = Regex.Split(line.Trim(), @"\s{2,}")[0];
            foreach (var chain in graph.Split(',', StringSplitOptions.TrimEntries))
            {
                var names = chain.Split(Arrow, StringSplitOptions.TrimEntries);
                Assert.True(names.Length >= 2, $"README.md's Project graph: '{chain}' is not 'A {Arrow} B'");
                for (var i = 0; i + 1 < names.Length; i++)
                {
                    edges.Add((names[i + 1], names[i]));
                }
            }
        }

        return edges;
    }

    private static IEnumerable<(string Name, string Path)> Projects() =>
        Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => (ShortName(Path.GetFileNameWithoutExtension(path)), path));

    private static string ShortName(string project) =>
        project.StartsWith("Tarjuma.", StringComparison.Ordinal) ? project["Tarjuma.".Length..] : project;
}
