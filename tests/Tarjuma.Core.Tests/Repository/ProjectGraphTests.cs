using System.Text.RegularExpressions;
using System.Xml.Linq;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Repository;

/// <summary>
/// The project graph under <c>src/</c> is the one the README's "Project graph" section draws: a
/// reference added across the layers (or one removed) fails here, naming the edge, until the README
/// says why it exists. Beyond the drawing, the layering rule of issue #14 holds: libraries point inward
/// only, and the wiring of concrete parts lives in the composition roots alone.
/// </summary>
public sealed class ProjectGraphTests
{
    private const string Arrow = "←";

    /// <summary>
    /// What each library may reference (issue #14: Protos ← Client ← Cli; Core ← Storage.*; Core ← Server; nothing
    /// else across). Alignment is part of the engine layer (it implements Core's aligner port; ML.NET stays in it);
    /// the web console is one more client, and so is the command line's logic (CommandLine), whose local backend
    /// and in-process commands the Cli root gives it: its backend port speaks the client's types, so it needs no
    /// engine (README "Project graph"). A new library gets a row here.
    /// </summary>
    private static readonly Dictionary<string, string[]> LibraryMayReference = new(StringComparer.Ordinal)
    {
        ["Core"] = [],
        ["Protos"] = [],
        ["Client"] = ["Protos"],
        ["Storage.Common"] = ["Core"],
        ["Storage.Sqlite"] = ["Core", "Storage.Common"],
        ["Storage.Postgres"] = ["Core", "Storage.Common"],
        ["Alignment"] = ["Core"],
        ["Server"] = ["Core", "Protos"],
        ["WebConsole"] = ["Client", "Protos"],
        ["CommandLine"] = ["Client", "Protos"],
    };

    /// <summary>The executables: the only projects that pick concrete parts (stores, aligner model, console) and wire them.</summary>
    private static readonly string[] CompositionRoots = ["Hosting", "Cli"];

    /// <summary>The one reference to a composition root: <c>tarjuma serve</c> runs the server's host.</summary>
    private static readonly (string From, string To)[] RootReferences = [("Cli", "Hosting")];

    [Fact]
    public void Every_project_under_src_is_a_library_with_a_rule_or_a_composition_root()
    {
        var unclassified = Projects().Select(p => p.Name)
            .Where(name => !LibraryMayReference.ContainsKey(name) && !CompositionRoots.Contains(name, StringComparer.Ordinal)).ToList();

        Assert.True(unclassified.Count == 0,
            $"src/ projects with no layering rule (add them to {nameof(LibraryMayReference)} or {nameof(CompositionRoots)}): "
                + string.Join(", ", unclassified));
    }

    [Fact]
    public void Libraries_reference_only_the_layers_the_rule_allows()
    {
        var crossing = ActualEdges()
            .Where(e => LibraryMayReference.TryGetValue(e.From, out var allowed) && !allowed.Contains(e.To, StringComparer.Ordinal))
            .Select(e => $"{e.From} references {e.To}; it may reference only: {Allowed(e.From)}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(crossing.Count == 0, "library references across the layers:\n" + string.Join('\n', crossing));
    }

    [Fact]
    public void Composition_roots_are_the_executables_and_say_so()
    {
        var executables = Projects().Where(p => IsExecutable(p.Path)).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(CompositionRoots.Order(StringComparer.Ordinal), executables);
        foreach (var (name, path) in Projects().Where(p => CompositionRoots.Contains(p.Name, StringComparer.Ordinal)))
        {
            Assert.True(File.ReadAllText(path).Contains("composition root", StringComparison.Ordinal),
                $"src/Tarjuma.{name}: a composition root whose .csproj does not say that it is one");
        }
    }

    [Fact]
    public void Nothing_references_a_composition_root_but_the_command_line_running_the_server_host()
    {
        var intoRoots = ActualEdges().Where(e => CompositionRoots.Contains(e.To, StringComparer.Ordinal)).Except(RootReferences)
            .Select(e => $"{e.From} references the composition root {e.To}").Order(StringComparer.Ordinal).ToList();

        Assert.True(intoRoots.Count == 0, "composition roots are wired by nothing else:\n" + string.Join('\n', intoRoots));
    }

    [Fact]
    public void The_rule_rejects_the_crossings_it_is_for()
    {
        // The rule table itself, read against the edges that issue #14 removed: each must be refused.
        (string From, string To)[] forbidden =
        [
            ("Server", "Storage.Sqlite"), ("Server", "Storage.Postgres"), ("Server", "WebConsole"), ("Server", "Alignment"),
            ("Client", "Core"), ("Client", "Server"), ("Core", "Protos"), ("Storage.Sqlite", "Storage.Postgres"),
            ("Storage.Postgres", "Server"), ("WebConsole", "Server"), ("Alignment", "Server"),
            ("Storage.Common", "Storage.Sqlite"), ("Storage.Common", "Storage.Postgres"),
            ("CommandLine", "Storage.Sqlite"), ("CommandLine", "Storage.Postgres"), ("CommandLine", "Server"), ("CommandLine", "Hosting"),
            ("CommandLine", "Alignment"), ("CommandLine", "Cli"), ("CommandLine", "Core"),
        ];
        Assert.All(forbidden, e => Assert.DoesNotContain(e.To, LibraryMayReference[e.From]));
    }

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

    private static string Allowed(string library) =>
        LibraryMayReference[library] is { Length: > 0 } allowed ? string.Join(", ", allowed) : "nothing";

    /// <summary>An executable: <c>OutputType</c> Exe, or the Web SDK's default (Exe) left unchanged.</summary>
    private static bool IsExecutable(string path)
    {
        var project = XDocument.Load(path);
        var outputType = project.Descendants("OutputType").LastOrDefault()?.Value;
        var web = (project.Root?.Attribute("Sdk")?.Value ?? string.Empty).Equals("Microsoft.NET.Sdk.Web", StringComparison.Ordinal);
        return outputType is null ? web : outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<(string Name, string Path)> Projects() =>
        Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => (ShortName(Path.GetFileNameWithoutExtension(path)), path));

    private static string ShortName(string project) =>
        project.StartsWith("Tarjuma.", StringComparison.Ordinal) ? project["Tarjuma.".Length..] : project;
}
