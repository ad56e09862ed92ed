using System.Globalization;
using System.Xml.Linq;
using Tarjuma.Core.Xliff;

namespace Tarjuma.Core.Tests.Xliff;

/// <summary>
/// Checks on leveraged output: that it is the input plus our additions (a namespace-aware node-by-node
/// comparison after removing them), and that the additions follow the XLIFF schemas' structure.
/// </summary>
/// <remarks>
/// The official schemas are OASIS's: XLIFF 1.2 <c>http://docs.oasis-open.org/xliff/v1.2/os/xliff-core-1.2-strict.xsd</c>
/// (and <c>-transitional.xsd</c>), XLIFF 2.0 <c>http://docs.oasis-open.org/xliff/xliff-core/v2.0/os/schemas/xliff_core_2.0.xsd</c>
/// with <c>matches.xsd</c>. No copy is in the shared data or the repository, so the rules our additions must
/// obey are checked structurally here: element order in <c>trans-unit</c>, <c>unit</c> and <c>segment</c>, required
/// children and attributes, the enumerated <c>state</c> values, references that resolve, and codes in a filled
/// target that are exactly the source's.
/// </remarks>
internal static class XliffAssert
{
    private static readonly XNamespace X12 = XliffRun.X12;
    private static readonly XNamespace X20 = XliffRun.X20;
    private static readonly XNamespace Mtc = XliffRun.Mtc;

    private static readonly string[] TransUnitOrder = ["source", "seg-source", "target"];
    private static readonly HashSet<string> TransUnitTail = ["context-group", "count-group", "prop-group", "note", "alt-trans"];
    private static readonly HashSet<string> States12 =
    [
        "final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
        "needs-review-translation", "needs-translation", "new", "signed-off", "translated",
    ];

    private static readonly HashSet<string> Qualifiers12 =
    [
        "exact-match", "fuzzy-match", "id-match", "leveraged-glossary", "leveraged-inherited", "leveraged-mt",
        "leveraged-repository", "leveraged-tm", "mt-suggestion", "rejected-grammar", "rejected-inaccurate",
        "rejected-length", "rejected-spelling", "tm-suggestion",
    ];

    private static readonly HashSet<string> States20 = ["initial", "translated", "reviewed", "final"];

    /// <summary>Removes our additions from a copy of <paramref name="output"/> and compares it with <paramref name="input"/>.</summary>
    public static void SameOutsideAdditions(XDocument input, XDocument output)
    {
        var expected = new XDocument(input);
        var actual = new XDocument(output);
        var inputUnits = Units(expected).ToList();
        var outputUnits = Units(actual).ToList();
        Assert.Equal(inputUnits.Count, outputUnits.Count);
        for (var i = 0; i < inputUnits.Count; i++)
        {
            Strip(inputUnits[i], outputUnits[i]);
        }

        RemoveNamespaceDeclarations(expected);
        RemoveNamespaceDeclarations(actual);
        Assert.True(XNode.DeepEquals(expected.Root, actual.Root), Difference(expected.Root!, actual.Root!));
    }

    /// <summary>Our additions follow the XLIFF 1.2 or 2.0 structure (see the remarks).</summary>
    public static void Valid(XDocument output)
    {
        foreach (var unit in output.Descendants().Where(e => e.Name.LocalName == "trans-unit" && (e.Name.Namespace == X12
            || e.Name.Namespace == XNamespace.None)))
        {
            ValidTransUnit(unit, unit.Name.Namespace);
        }

        foreach (var unit in output.Descendants(X20 + "unit"))
        {
            ValidUnit(unit);
        }
    }

    private static IEnumerable<XElement> Units(XDocument document) =>
        document.Descendants().Where(e => e.Name.LocalName is "trans-unit" or "unit" && (e.Name.Namespace == X12 || e.Name.Namespace == X20
            || e.Name.Namespace == XNamespace.None));

    private static void Strip(XElement input, XElement output)
    {
        var core = output.Name.Namespace;
        foreach (var added in output.Elements().Where(IsOurs).ToList())
        {
            RemoveWithSpace(added, before: true);
        }

        foreach (var matches in output.Elements(Mtc + "matches").Where(m => !m.HasElements).ToList())
        {
            if (input.Element(Mtc + "matches") is null)
            {
                RemoveWithSpace(matches, before: false);
            }
        }

        if (core == X20)
        {
            var inSegments = input.Elements(X20 + "segment").ToList();
            var outSegments = output.Elements(X20 + "segment").ToList();
            Assert.Equal(inSegments.Count, outSegments.Count);
            for (var i = 0; i < inSegments.Count; i++)
            {
                foreach (var name in new[] { "id", "state", "subState" })
                {
                    outSegments[i].SetAttributeValue(name, (string?)inSegments[i].Attribute(name));
                }

                StripTarget(inSegments[i], outSegments[i], X20);
            }

            return;
        }

        if (input.Element(core + "seg-source") is null && output.Element(core + "seg-source") is { } segSource)
        {
            RemoveWithSpace(segSource, before: true);
        }

        StripTarget(input, output, core);
    }

    private static void StripTarget(XElement input, XElement output, XNamespace core)
    {
        var before = input.Element(core + "target");
        var after = output.Element(core + "target");
        if (after is null || !UnitSegments.IsEmpty(before))
        {
            return;
        }

        if (before is null)
        {
            RemoveWithSpace(after, before: true);
        }
        else
        {
            after.ReplaceWith(new XElement(before));
        }
    }

    private static bool IsOurs(XElement element) =>
        element.Name.LocalName == "alt-trans" && ((string?)element.Attribute("origin"))?.StartsWith(XliffLeverage.OriginPrefix,
            StringComparison.Ordinal) == true
        || element.Name == Mtc + "matches" && RemoveOurMatches(element);

    /// <summary>Removes our candidates from a matches element; never removes the element itself here.</summary>
    private static bool RemoveOurMatches(XElement matches)
    {
        matches.Elements(Mtc + "match")
            .Where(m => ((string?)m.Attribute("origin"))?.StartsWith(XliffLeverage.OriginPrefix, StringComparison.Ordinal) == true)
            .Remove();
        return false;
    }

    /// <summary>Removes an added element and the indentation added with it.</summary>
    private static void RemoveWithSpace(XElement element, bool before)
    {
        var space = before ? element.PreviousNode : element.NextNode;
        if (space is XText text && string.IsNullOrWhiteSpace(text.Value) && text is not XCData)
        {
            space.Remove();
        }

        element.Remove();
    }

    private static void RemoveNamespaceDeclarations(XDocument document)
    {
        foreach (var element in document.Descendants())
        {
            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }
    }

    private static string Difference(XElement expected, XElement actual)
    {
        var e = expected.DescendantNodesAndSelf().ToList();
        var a = actual.DescendantNodesAndSelf().ToList();
        for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
        {
            if (!XNode.DeepEquals(e[i], a[i]) && (e[i] is not XElement || ((XElement)e[i]).Nodes().Count() == ((XElement)a[i]).Nodes().Count()
                && !((XElement)e[i]).HasElements))
            {
                return $"first difference: expected {e[i]} but found {a[i]}";
            }
        }

        return $"expected {e.Count} nodes, found {a.Count}";
    }

    private static void ValidTransUnit(XElement unit, XNamespace core)
    {
        var names = unit.Elements().Select(e => e.Name).ToList();
        var position = 0;
        foreach (var name in names)
        {
            if (name.Namespace != core)
            {
                position = int.MaxValue;
                continue;
            }

            var order = Array.IndexOf(TransUnitOrder, name.LocalName);
            var rank = order >= 0 ? order : TransUnitTail.Contains(name.LocalName) ? TransUnitOrder.Length : -1;
            Assert.True(rank >= 0 && rank >= Math.Min(position, TransUnitOrder.Length) && position != int.MaxValue,
                $"<{name.LocalName}> out of order in trans-unit '{unit.Attribute("id")}'");
            position = rank == TransUnitOrder.Length ? rank : rank + 1;
        }

        var mids = unit.Element(core + "seg-source") is { } segSource
            ? UnitSegments.SegmentMarks(segSource, core).Select(m => (string?)m.Attribute("mid")).ToHashSet()
            : [];
        foreach (var alt in unit.Elements(core + "alt-trans"))
        {
            Assert.NotNull(alt.Element(core + "target"));
            if (alt.Attribute("mid") is { } mid)
            {
                Assert.Contains(mid.Value, mids);
            }

            if (alt.Attribute("match-quality") is { } quality && IsOurs(alt))
            {
                Assert.InRange(int.Parse(quality.Value, CultureInfo.InvariantCulture), 1, 101);
            }
        }

        if (unit.Element(core + "target") is { } target)
        {
            if (target.Attribute("state") is { } state)
            {
                Assert.Contains(state.Value, States12);
            }

            if (target.Attribute("state-qualifier") is { } qualifier)
            {
                Assert.Contains(qualifier.Value, Qualifiers12);
            }

            if (target.Attribute("state-qualifier") is not null && unit.Element(core + "seg-source") is null)
            {
                Assert.Equal(Codes(unit.Element(core + "source")!), Codes(target));
            }
        }
    }

    private static void ValidUnit(XElement unit)
    {
        // unit: other-namespace elements*, notes?, originalData?, (segment | ignorable)+
        var core = unit.Elements().Where(e => e.Name.Namespace == X20).Select(e => e.Name.LocalName).ToList();
        var firstCore = unit.Elements().TakeWhile(e => e.Name.Namespace != X20).Count();
        Assert.All(unit.Elements().Skip(firstCore), e => Assert.Equal(X20, e.Name.Namespace));
        var rank = core.Select(n => n switch { "notes" => 0, "originalData" => 1, "segment" or "ignorable" => 2, _ => -1 }).ToList();
        Assert.DoesNotContain(-1, rank);
        Assert.Equal(rank.OrderBy(r => r), rank);
        var ids = unit.Elements().Where(e => e.Name == X20 + "segment" || e.Name == X20 + "ignorable").Select(e =>
            (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.True(unit.Elements(Mtc + "matches").Count() <= 1);
        foreach (var match in unit.Descendants(Mtc + "match"))
        {
            Assert.NotNull(match.Element(X20 + "source"));
            Assert.NotNull(match.Element(X20 + "target"));
            var reference = (string?)match.Attribute("ref");
            Assert.NotNull(reference);
            if (IsOursMatch(match))
            {
                Assert.Contains(reference![1..], ids);
                var similarity = double.Parse((string)match.Attribute("similarity")!, CultureInfo.InvariantCulture);
                Assert.InRange(similarity, 0, 100);
            }
        }

        foreach (var segment in unit.Elements(X20 + "segment"))
        {
            Assert.Equal(X20 + "source", segment.Elements().First().Name);
            Assert.All(segment.Elements().Skip(1), e => Assert.Equal(X20 + "target", e.Name));
            if (segment.Attribute("state") is { } state)
            {
                Assert.Contains(state.Value, States20);
            }

            if (segment.Attribute("subState") is { } subState)
            {
                Assert.Contains(':', subState.Value);
                Assert.NotNull(segment.Attribute("state"));
            }

            if (segment.Element(X20 + "target") is { } target && ((string?)segment.Attribute("subState"))?.StartsWith("tarjuma:",
                StringComparison.Ordinal) == true)
            {
                Assert.Equal(Codes(segment.Element(X20 + "source")!), Codes(target));
            }
        }
    }

    private static bool IsOursMatch(XElement match) =>
        ((string?)match.Attribute("origin"))?.StartsWith(XliffLeverage.OriginPrefix, StringComparison.Ordinal) == true;

    /// <summary>The inline codes of a content element, as a sorted list of their names and ids.</summary>
    private static List<string> Codes(XElement content) =>
        [.. content.Descendants().Select(e =>
            $"{e.Name.LocalName}#{(string?)e.Attribute("id") ?? (string?)e.Attribute("rid") ?? (string?)e.Attribute("startRef")}")
                .Order(StringComparer.Ordinal)];
}
