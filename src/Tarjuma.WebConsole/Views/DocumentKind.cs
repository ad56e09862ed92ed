using System.Text;

namespace Tarjuma.WebConsole.Views;

/// <summary>Tells an uploaded XLIFF file from plain text, by content rather than by file name.</summary>
public static class DocumentKind
{
    /// <summary>Bytes read at most: the root element comes after the XML declaration and perhaps a comment.</summary>
    private const int Probe = 4096;

    /// <summary>True when the start of the file holds an <c>&lt;xliff</c> element.</summary>
    public static bool IsXliff(ReadOnlySpan<byte> content)
    {
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, Probe)]);
        return head.Contains("<xliff", StringComparison.Ordinal);
    }
}
