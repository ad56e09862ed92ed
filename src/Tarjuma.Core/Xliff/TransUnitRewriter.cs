using System.Globalization;
using System.Xml.Linq;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;

namespace Tarjuma.Core.Xliff;

/// <summary>
/// Leverages one XLIFF 1.2 <c>trans-unit</c> in place: <c>alt-trans</c> candidates (XLIFF 1.2 §2.6 and
/// the <c>alt-trans</c> element), an added <c>seg-source</c> when our rules cut the source, and an empty
/// <c>target</c> filled with <c>state</c> and <c>state-qualifier</c>.
/// </summary>
internal static class TransUnitRewriter
{
    /// <summary>The 1.2 elements that may come before <c>alt-trans</c> in a <c>trans-unit</c> (strict schema order).</summary>
    private static readonly HashSet<string> BeforeExtensions = new(StringComparer.Ordinal)
    {
        "source", "seg-source", "target", "context-group", "count-group", "prop-group", "note", "alt-trans",
    };

    public static async Task RewriteAsync(XElement unit, XliffDialect dialect, UnitLanguage language, LeverageRun run, (int Line, int Column) position,
        CancellationToken cancellationToken)
    {
        var core = dialect.Core;
        var segments = UnitSegments.Read(unit, dialect, language.Segmenter, run.Options.Overwrite, position);
        var target = unit.Element(core + "target");
        var canFill = run.Options.Overwrite || UnitSegments.IsEmpty(target);
        var results = new List<SegmentLeverage>(segments.Contents.Count);
        foreach (var content in segments.Contents)
        {
            results.Add(await run.LeverageAsync(language, content, canFill, cancellationToken));
        }

        if (!results.Any(r => r.Matches.Count > 0))
        {
            return;
        }

        var source = unit.Element(core + "source")!;
        if (segments.AddedSegSource is { } added)
        {
            LeverageRun.AddAfter(source, added);
        }

        var segSource = unit.Element(core + "seg-source");
        if (canFill && results.Any(r => r.FillNodes is not null))
        {
            Fill(unit, core, segSource, segments, results, target);
        }

        var anchor = unit.Elements().Last(e => e.Name.Namespace == core && BeforeExtensions.Contains(e.Name.LocalName));
        for (var i = 0; i < results.Count; i++)
        {
            var mid = segments.IsSegmented12 ? (string?)segments.Holders[i].Attribute("mid") : null;
            foreach (var match in results[i].Matches)
            {
                var candidate = Candidate(core, segments.Contents[i], match, mid);
                LeverageRun.AddAfter(anchor, candidate);
                anchor = candidate;
            }
        }
    }

    private static XElement Candidate(XNamespace core, InlineContent content, LookupMatch match, string? mid)
    {
        var suggestion = match.Suggestion ?? match.Unit.Target;
        var candidate = new XElement(core + "alt-trans");
        if (mid is not null)
        {
            candidate.Add(new XAttribute("mid", mid));
        }

        candidate.Add(
            new XAttribute("match-quality", match.Score.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("origin", XliffLeverage.Origin(match.Memory)),
            new XElement(core + "source", content.Render(match.Unit.Source) ?? InlineContent.PlainNodes(match.Unit.Source)),
            new XElement(core + "target", content.Render(suggestion) ?? InlineContent.PlainNodes(suggestion)));
        return candidate;
    }

    private static void Fill(XElement unit, XNamespace core, XElement? segSource, UnitSegments segments, List<SegmentLeverage> results, XElement? target)
    {
        IEnumerable<XNode> nodes;
        if (segSource is not null && segments.IsSegmented12)
        {
            // The target mirrors the seg-source: one mrk per segment, filled or left empty.
            var mirror = new XElement(segSource);
            var marks = UnitSegments.SegmentMarks(mirror, core).ToList();
            for (var i = 0; i < marks.Count && i < results.Count; i++)
            {
                marks[i].RemoveNodes();
                if (results[i].FillNodes is { } filled)
                {
                    marks[i].Add(filled);
                }
            }

            nodes = mirror.Nodes().ToList();
            mirror.RemoveNodes();
        }
        else
        {
            nodes = results[0].FillNodes!;
        }

        if (target is null)
        {
            target = new XElement(core + "target");
            LeverageRun.AddAfter(segSource ?? unit.Element(core + "source")!, target);
        }
        else
        {
            target.RemoveNodes();
        }

        target.Add(nodes);
        var all = results.All(r => r.FillNodes is not null);
        var inContext = all && results.All(r => r.Fill!.Score >= MatchOptions.InContextScore);
        var exact = all && results.All(r => r.Fill!.Score >= XliffLeverage.ExactScore);

        // XLIFF 1.2 §"state": only an in-context match needs no review.
        target.SetAttributeValue("state", inContext ? "translated" : "needs-review-translation");
        target.SetAttributeValue("state-qualifier", !all ? "leveraged-tm" : exact ? "exact-match" : "fuzzy-match");
    }
}
