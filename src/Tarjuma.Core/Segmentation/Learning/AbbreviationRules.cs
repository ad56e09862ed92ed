using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>
/// Turns a list of abbreviations (learned from a memory, edited by an administrator) into SRX 2.0:
/// the built-in rules with one more language rule, applied first to the memory's language.
/// </summary>
/// <remarks>
/// The language rule holds one rule over the list, in the shape the built-in lists use (so the
/// <see cref="WordListFilter"/> pre-check applies and segmentation keeps its speed): no break
/// (<c>мас. Ӯзбекистон</c>, <c>м. 15</c>) unless a sentence opener of the language follows
/// (<c>5 млн. Дар …</c>: Punkt's orthographic heuristic, with the built-in starter list), where
/// the later rules decide. Entries the built-in prefix list already has are left
/// to it. Tajik entries also get their Russian-keyboard spelling, as the built-in lists do.
/// </remarks>
public static class AbbreviationRules
{
    /// <summary>Most entries one memory keeps: the rule stays a list a person can read, and compiles fast.</summary>
    public const int MaxEntries = 2_000;

    /// <summary>Longest entry in characters; abbreviations are short.</summary>
    public const int MaxEntryLength = 32;

    private const string WordBefore = @"(?<![\p{L}\p{M}\p{N}.\-])";

    private static readonly XNamespace Srx = "http://www.lisa.org/srx20";

    /// <summary>
    /// An administrator's entry in the stored form: NFC, lower case, without a final period;
    /// letters and marks, with inner periods, hyphens or apostrophes. Throws InvalidArgument naming
    /// <paramref name="field"/> otherwise.
    /// </summary>
    public static string NormalizeEntry(string? entry, string field)
    {
        var text = TextNormalizer.ToNfc((entry ?? "").Trim());
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.Length == 0 || text.Length > MaxEntryLength)
        {
            throw TarjumaException.InvalidArgument(field, $"an abbreviation of 1 to {MaxEntryLength} characters is required (got '{entry}').");
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var inner = c is '.' or '-' or '\'' or '’' && i > 0 && i < text.Length - 1 && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);
            if (!inner && !char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark))
            {
                throw TarjumaException.InvalidArgument(field,
                    $"'{entry}': an abbreviation is letters with inner periods or hyphens (character {i + 1} is '{c}').");
            }
        }

        return text.ToLowerInvariant();
    }

    /// <summary>The built-in rules plus a language rule named <paramref name="ruleName"/> for <paramref name="language"/>, as SRX 2.0 text.</summary>
    public static string BuildSrx(string ruleName, string language, IEnumerable<string> abbreviations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleName);
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        ArgumentNullException.ThrowIfNull(abbreviations);
        var primary = language.Split('-', '_')[0].ToLowerInvariant();
        var tajik = primary is "tg" or "tgk";
        var builtIn = new HashSet<string>(tajik ? BuiltInRules.ListEntries("tg.prefix") : BuiltInRules.ListEntries("en.prefix"),
            StringComparer.OrdinalIgnoreCase);
        var entries = new List<string>();
        foreach (var entry in abbreviations)
        {
            if (!builtIn.Contains(entry))
            {
                entries.Add(entry);
                if (tajik)
                {
                    entries.Add(BuiltInRules.WithRussianLetters(entry));
                }
            }
        }

        var xml = XDocument.Parse(BuiltInRules.GetSrx());
        var body = xml.Root!.Element(Srx + "body")!;
        var rule = new XElement(Srx + "languagerule", new XAttribute("languagerulename", ruleName));
        if (entries.Count > 0)
        {
            var words = WordBefore + "(?i:" + BuiltInRules.Alternation(entries) + @")\.";
            var starters = primary switch
            {
                "tg" or "tgk" => BuiltInRules.ListEntries("tg.starters"),
                "en" or "eng" => BuiltInRules.ListEntries("en.starters"),
                _ => [],
            };
            // One rule, so one more candidate scan: no break, unless a sentence opener follows,
            // where the rules after it decide (the sentence end rule breaks there).
            var afterBreak = starters.Count > 0
                ? @"(?!\s+[""“«„]?(?:" + BuiltInRules.Alternation(starters) + @")(?![\p{L}\p{M}]))"
                : "";
            rule.Add(new XComment(" Learned abbreviations: a period after one ends no sentence, unless a sentence opener follows. "));
            rule.Add(NoBreakRule(words, afterBreak));
        }

        body.Element(Srx + "languagerules")!.AddFirst(rule);
        var pattern = Regex.Escape(primary) + "([-_].*)?";
        body.Element(Srx + "maprules")!.AddFirst(new XElement(Srx + "languagemap", new XAttribute("languagepattern", pattern),
            new XAttribute("languagerulename", ruleName)));
        var text = new StringBuilder();
        using (var writer = new Utf8StringWriter(text))
        {
            xml.Save(writer);
        }

        return text.ToString();
    }

    /// <summary><see cref="BuildSrx"/>, parsed. Keep the document to keep its compiled rules cached.</summary>
    public static SrxDocument Build(string ruleName, string language, IEnumerable<string> abbreviations) =>
        SrxDocument.Parse(BuildSrx(ruleName, language, abbreviations));

    private static XElement NoBreakRule(string beforeBreak, string afterBreak) =>
        new(
            Srx + "rule",
            new XAttribute("break", "no"),
            new XElement(Srx + "beforebreak", new XCData(beforeBreak)),
            new XElement(Srx + "afterbreak", afterBreak.Length == 0 ? null : new XCData(afterBreak)));

    /// <summary>XDocument.Save to a StringWriter declares UTF-16; the SRX text is written and read as UTF-8.</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
