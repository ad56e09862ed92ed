using System.Text;
using System.Text.RegularExpressions;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// Tarjuma's own segmentation rules (Tajik and English, with common rules for other
/// languages), shipped as SRX 2.0 so users can read, export and extend them.
/// </summary>
/// <remarks>
/// The SRX is built from <c>Segmentation/Rules/tarjuma.template.srx</c>, whose <c>{{list}}</c>
/// placeholders are filled from the abbreviation lists beside it (<c>tg.prefix.txt</c>, …).
/// Tajik lists also get their spelling with Russian letters (х ч к г и у for ҳ ҷ қ ғ ӣ ӯ),
/// since much Tajik text is typed on Russian keyboards.
/// </remarks>
public static class BuiltInRules
{
    /// <summary>The name of the built-in rule set.</summary>
    public const string DefaultName = "tarjuma";

    private static readonly Lazy<string> LazySrx = new(BuildSrx);
    private static readonly Lazy<SrxDocument> LazyDocument = new(() => SrxDocument.Parse(LazySrx.Value));

    /// <summary>Names accepted by <see cref="GetSrx"/> and <see cref="Get"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [DefaultName];

    /// <summary>The built-in rules, parsed.</summary>
    public static SrxDocument Default => LazyDocument.Value;

    /// <summary>The SRX 2.0 text of a built-in rule set (lists expanded), for export.</summary>
    public static string GetSrx(string name = DefaultName) => IsKnown(name)
        ? LazySrx.Value
        : throw Model.TarjumaException.InvalidArgument("rules", $"unknown built-in rule set '{name}' (known: {string.Join(", ", Names)}).");

    /// <summary>A built-in rule set by name.</summary>
    public static SrxDocument Get(string name) => IsKnown(name)
        ? Default
        : throw Model.TarjumaException.InvalidArgument("rules", $"unknown built-in rule set '{name}' (known: {string.Join(", ", Names)}).");

    /// <summary>True for the built-in document itself (without building it when nobody has yet).</summary>
    internal static bool IsBuiltIn(SrxDocument document) => LazyDocument.IsValueCreated && ReferenceEquals(LazyDocument.Value, document);

    private static bool IsKnown(string name) => string.Equals(name, DefaultName, StringComparison.OrdinalIgnoreCase);

    private static string BuildSrx()
    {
        var template = ReadResource("tarjuma.template.srx");
        return Regex.Replace(template, @"\{\{([a-z]+\.[a-z]+)\}\}", m => Alternation(m.Groups[1].Value), RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(5));
    }

    /// <summary>The entries of a list as a regex alternation, longest first.</summary>
    private static string Alternation(string listName) => Alternation(ListEntries(listName));

    /// <summary>Entries as a regex alternation of literal words, longest first (the shape <see cref="WordListFilter"/> speeds up).</summary>
    internal static string Alternation(IEnumerable<string> entries) =>
        string.Join('|', entries.Distinct(StringComparer.Ordinal).OrderByDescending(e => e.Length).ThenBy(e => e, StringComparer.Ordinal).Select(Regex.Escape));

    /// <summary>The entries of an embedded list (<c>tg.starters</c>, …); Tajik lists with their Russian-letter spellings.</summary>
    internal static IReadOnlyList<string> ListEntries(string listName)
    {
        var entries = new List<string>();
        foreach (var raw in ReadResource(listName + ".txt").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            entries.Add(line);
            if (listName.StartsWith("tg.", StringComparison.Ordinal))
            {
                entries.Add(WithRussianLetters(line));
            }
        }

        return entries;
    }

    /// <summary>Tajik letters as typed on a Russian keyboard.</summary>
    internal static string WithRussianLetters(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(TajikLetters.RussianKeyboardForm(c));
        }

        return sb.ToString();
    }

    private static string ReadResource(string fileName)
    {
        var name = "Tarjuma.Core.Segmentation.Rules." + fileName;
        using var stream = typeof(BuiltInRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
