namespace Tarjuma.CommandLine.Commands;

/// <summary>How commands print a segment on one line of their output.</summary>
internal static class SegmentLines
{
    /// <summary>The line breaks the engine's segmenter knows (Tarjuma.Core's <c>TextLines</c>): LF, CR, NEL, LS, PS.</summary>
    private const string LineBreakChars = "\n\r\u0085\u2028\u2029";

    /// <summary>A segment on one line: each run of line-break characters becomes one space.</summary>
    internal static string OneLine(string segment)
    {
        if (segment.AsSpan().IndexOfAny(LineBreakChars) < 0)
        {
            return segment;
        }

        var builder = new System.Text.StringBuilder(segment.Length);
        var inBreak = false;
        foreach (var c in segment)
        {
            if (LineBreakChars.Contains(c, StringComparison.Ordinal))
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
