using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// A parsed SRX 2.0 document (LISA/OSCAR, 2008): header settings, named language rules and the
/// language maps that select them. Every pattern is translated to .NET syntax and compiled once
/// at load, so an unsupported construct is reported here, naming the rule, and never later.
/// SRX 1.0 files (<c>maprule</c> wrappers) load too. Immutable and thread-safe.
/// </summary>
public sealed class SrxDocument
{
    /// <summary>Largest SRX file we read; real rule files are well under 1 MB (OmegaT's is 360 KB).</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    private readonly Dictionary<string, SrxLanguageRule> _rulesByName;
    private readonly Dictionary<SrxRule, TranslatedRule> _translated;
    private readonly Regex[] _mapPatterns;

    private SrxDocument(
        bool cascade,
        bool segmentSubflows,
        SrxFormatHandle formatHandle,
        SrxRegexDialect dialect,
        IReadOnlyList<SrxLanguageRule> languageRules,
        IReadOnlyList<SrxLanguageMap> languageMaps,
        Dictionary<SrxRule, TranslatedRule> translated,
        Regex[] mapPatterns)
    {
        Cascade = cascade;
        SegmentSubflows = segmentSubflows;
        FormatHandle = formatHandle;
        Dialect = dialect;
        LanguageRules = languageRules;
        LanguageMaps = languageMaps;
        _translated = translated;
        _mapPatterns = mapPatterns;
        _rulesByName = new Dictionary<string, SrxLanguageRule>(StringComparer.Ordinal);
        foreach (var rule in languageRules)
        {
            _rulesByName.TryAdd(rule.Name, rule);
        }
    }

    /// <summary>
    /// <c>header/@cascade</c> (SRX 2.0 §2.3.1): when true, every language map that matches adds
    /// its rules in map order; when false only the first matching map applies.
    /// </summary>
    public bool Cascade { get; }

    /// <summary>
    /// <c>header/@segmentsubflows</c>. Recorded for export; Tarjuma segments plain text, where
    /// inline codes have no sub-flows (an HTML attribute value is never segmented).
    /// </summary>
    public bool SegmentSubflows { get; }

    public SrxFormatHandle FormatHandle { get; }

    public SrxRegexDialect Dialect { get; }

    public IReadOnlyList<SrxLanguageRule> LanguageRules { get; }

    public IReadOnlyList<SrxLanguageMap> LanguageMaps { get; }

    /// <summary>Reads an SRX document from a stream (UTF-8 or as declared by the XML).</summary>
    public static SrxDocument Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = MaxFileBytes,
        };
        XDocument xml;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            xml = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw Invalid($"not well-formed XML: {ex.Message}", ex);
        }

        return FromXml(xml);
    }

    /// <summary>Reads an SRX document from a file.</summary>
    public static SrxDocument LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Parses SRX XML text.</summary>
    public static SrxDocument Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        return Load(stream);
    }

    /// <summary>
    /// The ordered rules for <paramref name="language"/>: the language maps are tried in order,
    /// each pattern matched against the whole code, case-insensitively (OmegaT writes
    /// <c>EN.*</c>, LanguageTool <c>(EN|en).*</c>).
    /// </summary>
    public IReadOnlyList<SrxRule> RulesFor(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var rules = new List<SrxRule>();
        for (var i = 0; i < LanguageMaps.Count; i++)
        {
            if (!_mapPatterns[i].IsMatch(language))
            {
                continue;
            }

            rules.AddRange(_rulesByName[LanguageMaps[i].LanguageRuleName].Rules);
            if (!Cascade)
            {
                break;
            }
        }

        return rules;
    }

    /// <summary>Names of the language rules that apply to <paramref name="language"/>, in order.</summary>
    public IReadOnlyList<string> RuleNamesFor(string language)
    {
        var names = new List<string>();
        for (var i = 0; i < LanguageMaps.Count; i++)
        {
            if (_mapPatterns[i].IsMatch(language))
            {
                names.Add(LanguageMaps[i].LanguageRuleName);
                if (!Cascade)
                {
                    break;
                }
            }
        }

        return names;
    }

    internal TranslatedRule Translated(SrxRule rule) => _translated[rule];

    /// <summary>Where <paramref name="rule"/> is written, for messages: <c>languagerule 'X', rule 3 (beforebreak '…', afterbreak '…')</c>.</summary>
    internal string Describe(SrxRule rule)
    {
        var where = LanguageRules
            .Select(l => (l.Name, Index: l.Rules.ToList().IndexOf(rule)))
            .FirstOrDefault(l => l.Index >= 0);
        var place = where.Name is null ? "a rule" : $"languagerule '{where.Name}', rule {where.Index + 1}";
        return $"{place} (beforebreak '{rule.BeforeBreak}', afterbreak '{rule.AfterBreak}')";
    }

    private static SrxDocument FromXml(XDocument xml)
    {
        var root = xml.Root ?? throw Invalid("empty document");
        if (!string.Equals(root.Name.LocalName, "srx", StringComparison.Ordinal))
        {
            throw Invalid($"root element is <{root.Name.LocalName}>, expected <srx>");
        }

        var version = (string?)root.Attribute("version") ?? "2.0";
        var header = Child(root, "header");
        var cascade = string.Equals((string?)header?.Attribute("cascade"), "yes", StringComparison.OrdinalIgnoreCase);
        var subflows = !string.Equals((string?)header?.Attribute("segmentsubflows"), "no", StringComparison.OrdinalIgnoreCase);
        var format = new SrxFormatHandle();
        foreach (var handle in header?.Elements().Where(e => e.Name.LocalName == "formathandle") ?? [])
        {
            var include = string.Equals((string?)handle.Attribute("include"), "yes", StringComparison.OrdinalIgnoreCase);
            format = ((string?)handle.Attribute("type")) switch
            {
                "start" => format with { IncludeStart = include },
                "end" => format with { IncludeEnd = include },
                "isolated" => format with { IncludeIsolated = include },
                var other => throw Invalid($"formathandle type '{other}' is not start, end or isolated"),
            };
        }

        // Okapi's extension: <okpsrx:options useJavaRegex="yes"/> selects java.util.regex.
        var options = header?.Elements().FirstOrDefault(e => e.Name.LocalName == "options");
        var dialect = string.Equals((string?)options?.Attribute("useJavaRegex"), "yes", StringComparison.OrdinalIgnoreCase)
            ? SrxRegexDialect.Java
            : SrxRegexDialect.Icu;

        var body = Child(root, "body") ?? throw Invalid("missing <body>");
        var languageRules = new List<SrxLanguageRule>();
        var translated = new Dictionary<SrxRule, TranslatedRule>();
        foreach (var languageRule in Child(body, "languagerules")?.Elements().Where(e => e.Name.LocalName == "languagerule") ?? [])
        {
            var name = (string?)languageRule.Attribute("languagerulename") ?? throw Invalid("languagerule without languagerulename");
            var rules = new List<SrxRule>();
            var index = 0;
            foreach (var rule in languageRule.Elements().Where(e => e.Name.LocalName == "rule"))
            {
                index++;
                var isBreak = !string.Equals((string?)rule.Attribute("break"), "no", StringComparison.OrdinalIgnoreCase);
                var before = Child(rule, "beforebreak")?.Value ?? string.Empty;
                var after = Child(rule, "afterbreak")?.Value ?? string.Empty;
                var srxRule = new SrxRule(isBreak, before, after);
                rules.Add(srxRule);
                if (!translated.ContainsKey(srxRule))
                {
                    translated[srxRule] = new TranslatedRule(
                        TranslatePattern(before, dialect, name, index, "beforebreak"),
                        TranslatePattern(after, dialect, name, index, "afterbreak"));
                }
            }

            languageRules.Add(new SrxLanguageRule(name, rules));
        }

        var maps = new List<SrxLanguageMap>();
        var mapRules = Child(body, "maprules");
        IEnumerable<XElement> mapElements = mapRules is null
            ? []
            : string.Equals(version, "1.0", StringComparison.Ordinal) || mapRules.Elements().Any(e => e.Name.LocalName == "maprule")
                ? mapRules.Elements().Where(e => e.Name.LocalName == "maprule").Take(1).Elements().Where(e => e.Name.LocalName == "languagemap")
                : mapRules.Elements().Where(e => e.Name.LocalName == "languagemap");
        var names = languageRules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var patterns = new List<Regex>();
        foreach (var map in mapElements)
        {
            var pattern = (string?)map.Attribute("languagepattern") ?? throw Invalid("languagemap without languagepattern");
            var ruleName = (string?)map.Attribute("languagerulename") ?? throw Invalid("languagemap without languagerulename");
            if (!names.Contains(ruleName))
            {
                throw Invalid($"languagemap '{pattern}' names languagerule '{ruleName}', which does not exist");
            }

            maps.Add(new SrxLanguageMap(pattern, ruleName));
            try
            {
                var dotnet = IcuRegexTranslator.Translate(pattern, SrxRegexDialect.Icu);
                patterns.Add(new Regex(@"\A(?:" + dotnet + @")\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw Invalid($"languagemap pattern '{pattern}': {ex.Message}", ex);
            }
        }

        return new SrxDocument(cascade, subflows, format, dialect, languageRules, maps, translated, [.. patterns]);
    }

    private static string TranslatePattern(string pattern, SrxRegexDialect dialect, string ruleName, int index, string part)
    {
        if (pattern.Length == 0)
        {
            return pattern;
        }

        try
        {
            var dotnet = IcuRegexTranslator.Translate(pattern, dialect);
            _ = new Regex(dotnet, RegexOptions.CultureInvariant);
            return dotnet;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw Invalid($"languagerule '{ruleName}', rule {index}, {part} '{pattern}': {ex.Message}", ex);
        }
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => string.Equals(e.Name.LocalName, localName, StringComparison.Ordinal));

    private static TarjumaException Invalid(string message, Exception? inner = null) =>
        new(ErrorKind.InvalidArgument, "srx: " + message, "srx", inner);
}
