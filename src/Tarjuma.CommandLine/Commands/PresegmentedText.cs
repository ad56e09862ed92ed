namespace Tarjuma.CommandLine.Commands;

/// <summary>
/// How <c>--presegmented</c> files are read, the same for every command: one segment per line
/// (LF or CRLF), blank lines ignored.
/// </summary>
internal static class PresegmentedText
{
    public static List<string> Lines(string text) =>
        [.. text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0)];
}
