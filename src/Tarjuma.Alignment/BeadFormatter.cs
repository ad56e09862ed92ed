using System.Globalization;
using System.Text;
using Tarjuma.Core.Alignment;

namespace Tarjuma.Alignment;

/// <summary>Output formats for beads, as pure functions the CLI and the server can call.</summary>
public static class BeadFormatter
{
    /// <summary>
    /// The <c>links</c> contract: one bead per line, source indices (0-based, comma-separated,
    /// empty for none) TAB target indices TAB confidence (invariant culture, 3 decimals), LF endings.
    /// </summary>
    public static string ToLinks(IEnumerable<Bead> beads)
    {
        ArgumentNullException.ThrowIfNull(beads);
        var builder = new StringBuilder();
        foreach (var bead in beads)
        {
            builder.AppendJoin(',', bead.SourceIndices).Append('\t')
                .AppendJoin(',', bead.TargetIndices).Append('\t')
                .Append(bead.Confidence.ToString("0.000", CultureInfo.InvariantCulture)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// TSV: source text TAB target text TAB confidence TAB review (<c>1</c> when flagged), one bead
    /// per line; sentences of one side are joined by a space; tabs and line breaks inside a text
    /// become spaces so that a row stays a row.
    /// </summary>
    public static string ToTsv(IEnumerable<Bead> beads, IReadOnlyList<string> source, IReadOnlyList<string> target)
    {
        ArgumentNullException.ThrowIfNull(beads);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var builder = new StringBuilder();
        foreach (var bead in beads)
        {
            AppendCell(builder, bead.SourceIndices.Select(i => source[i])).Append('\t');
            AppendCell(builder, bead.TargetIndices.Select(i => target[i])).Append('\t');
            builder.Append(bead.Confidence.ToString("0.000", CultureInfo.InvariantCulture)).Append('\t')
                .Append(bead.NeedsReview ? '1' : '0').Append('\n');
        }

        return builder.ToString();
    }

    private static StringBuilder AppendCell(StringBuilder builder, IEnumerable<string> texts)
    {
        var first = true;
        foreach (var text in texts)
        {
            if (!first)
            {
                builder.Append(' ');
            }

            first = false;
            foreach (var c in text)
            {
                builder.Append(c is '\t' or '\n' or '\r' ? ' ' : c);
            }
        }

        return builder;
    }
}
