using Tarjuma.Core.Segmentation;

namespace Tarjuma.CommandLine.Commands;

/// <summary>How commands print a segment on one line of their output.</summary>
internal static class SegmentLines
{
    /// <summary>A segment on one line: each run of line-break characters becomes one space.</summary>
    internal static string OneLine(string segment)
    {
        if (segment.AsSpan().IndexOfAny(TextLines.LineBreakChars) < 0)
        {
            return segment;
        }

        var builder = new System.Text.StringBuilder(segment.Length);
        var inBreak = false;
        foreach (var c in segment)
        {
            if (TextLines.IsLineBreak(c))
            {
                if (!inBreak)
                {
                    builder.Append(' ');
                }

                inBreak = true;
                continue;
            }

            builder.Append(c);
            inBreak = false;
        }

        return builder.ToString();
    }
}
