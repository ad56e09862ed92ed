using System.Globalization;
using System.Xml.Linq;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;

namespace Tarjuma.Core.Xliff;

/// <summary>
/// Leverages one XLIFF 2.x <c>unit</c> in place: candidates in the Translation Candidates module
/// (<c>mtc:matches</c>, XLIFF 2.0 §5.4), empty <c>target</c>s filled and the segment's <c>state</c> set.
/// </summary>
internal static class UnitRewriter
{
    public static async Task RewriteAsync(XElement unit, XliffDialect dialect, UnitLanguage language, LeverageRun run, (int Line, int Column) position,
        CancellationToken cancellationToken)
    {
        var core = dialect.Core;
        var segments = UnitSegments.Read(unit, dialect, null, run.Options.Overwrite, position);
        var candidates = new List<XElement>();
        for (var i = 0; i < segments.Contents.Count; i++)
        {
            var segment = segments.Holders[i];
            var target = segment.Element(core + "target");
            var canFill = run.Options.Overwrite || UnitSegments.IsEmpty(target);
            var result = await run.LeverageAsync(language, segments.Contents[i], canFill, cancellationToken);
            if (result.Matches.Count == 0)
            {
                continue;
            }

            var id = (string?)segment.Attribute("id") ?? NewSegmentId(unit, core, segment);
            foreach (var match in result.Matches)
            {
                candidates.Add(Candidate(unit, core, segments.Contents[i], match, id));
            }

            if (result is { Fill: { } fill, FillNodes: { } nodes })
            {
                if (target is null)
                {
                    target = new XElement(core + "target");
                    LeverageRun.AddAfter(segment.Element(core + "source")!, target);
                }
                else
                {
                    target.RemoveNodes();
                }

                target.Add(nodes);

                // XLIFF 2.0 §4.3.1.28: "translated" for what needs no review (in context), else "initial";
                // subState says how the target was made.
                segment.SetAttributeValue("state", fill.Score >= MatchOptions.InContextScore ? "translated" : "initial");
                segment.SetAttributeValue("subState", fill.Score >= MatchOptions.InContextScore ? "tarjuma:in-context-match"
                    : fill.Score >= XliffLeverage.ExactScore ? "tarjuma:exact-match" : "tarjuma:fuzzy-match");
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        var matches = unit.Element(XliffDialect.Matches + "matches");
        if (matches is null)
        {
            matches = new XElement(XliffDialect.Matches + "matches", new XAttribute(XNamespace.Xmlns + "mtc", XliffDialect.Matches.NamespaceName));

            // Modules come first in a unit, before notes, originalData and the segments (XLIFF 2.0 core schema).
            var firstCore = unit.Elements().FirstOrDefault(e => e.Name.Namespace == core);
            if (firstCore is null)
            {
                unit.Add(matches);
            }
            else if (firstCore.PreviousNode is XText { Value: var space } && string.IsNullOrWhiteSpace(space))
            {
                firstCore.AddBeforeSelf(matches, new XText(space));
            }
            else
            {
                firstCore.AddBeforeSelf(matches);
            }
        }

        matches.Add(candidates);
    }

    private static XElement Candidate(XElement unit, XNamespace core, InlineContent content, LookupMatch match, string segmentId)
    {
        var suggestion = match.Suggestion ?? match.Unit.Target;
        var similarity = Math.Min(match.Score, XliffLeverage.ExactScore);
        var candidate = new XElement(
            XliffDialect.Matches + "match",
            new XAttribute("ref", "#" + segmentId),
            new XAttribute("similarity", similarity.ToString("0.0", CultureInfo.InvariantCulture)),
            new XAttribute("type", match.Score >= MatchOptions.InContextScore ? "icm" : "tm"),
            new XAttribute("origin", XliffLeverage.Origin(match.Memory)));

        // Codes in a candidate refer to its own originalData (XLIFF 2.0 §5.4): the unit's is copied.
        if (unit.Element(core + "originalData") is { } data)
        {
            candidate.Add(new XElement(data));
        }

        candidate.Add(
            new XElement(core + "source", content.Render(match.Unit.Source) ?? InlineContent.PlainNodes(match.Unit.Source)),
            new XElement(core + "target", content.Render(suggestion) ?? InlineContent.PlainNodes(suggestion)));
        return candidate;
    }

    /// <summary>A segment id unique among the unit's segment and ignorable ids, for <c>mtc:match/@ref</c>.</summary>
    private static string NewSegmentId(XElement unit, XNamespace core, XElement segment)
    {
        var taken = unit.Elements().Where(e => e.Name == core + "segment" || e.Name == core + "ignorable")
            .Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var n = 1;
        string id;
        do
        {
            id = string.Create(CultureInfo.InvariantCulture, $"tarjuma-s{n++}");
        }
        while (taken.Contains(id));

        segment.SetAttributeValue("id", id);
        return id;
    }
}
