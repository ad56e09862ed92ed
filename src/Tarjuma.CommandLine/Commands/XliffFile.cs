using System.Text;

namespace Tarjuma.CommandLine.Commands;

/// <summary>Tells an XLIFF document from plain text, and writes an output file atomically.</summary>
internal static class XliffFile
{
    /// <summary>Bytes read to recognise XLIFF: the XML declaration, comments and the root start tag fit.</summary>
    private const int SniffBytes = 4096;

    /// <summary>True for a <c>.xlf</c>/<c>.xliff</c> name, or a file whose first bytes hold an <c>xliff</c> root tag.</summary>
    public static bool Is(FileInfo file)
    {
        if (!file.Exists)
        {
            return false; // Reported as missing by the plain-text path.
        }

        if (file.Extension.Equals(".xlf", StringComparison.OrdinalIgnoreCase) || file.Extension.Equals(".xliff", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        using var reader = new StreamReader(file.FullName, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[SniffBytes];
        var head = new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<') && (head.Contains("<xliff", StringComparison.Ordinal) || head.Contains(":xliff", StringComparison.Ordinal));
    }

    /// <summary>Writes <paramref name="path"/> through a temporary file beside it, moved into place only when <paramref name="write"/> succeeds.</summary>
    public static async Task<T> WriteAtomicallyAsync<T>(string path, Func<Stream, Task<T>> write)
    {
        var temporary = path + ".partial";
        try
        {
            T result;
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                result = await write(file);
            }

            File.Move(temporary, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
