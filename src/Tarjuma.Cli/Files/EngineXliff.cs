using Tarjuma.CommandLine.Files;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Xliff;

namespace Tarjuma.Cli.Files;

/// <summary>The engine's XLIFF reader, given to the command line's <c>analyze</c> for both backends.</summary>
internal static class EngineXliff
{
    /// <inheritdoc cref="ReadXliffSegments"/>
    public static (IReadOnlyList<string> Segments, string? SourceLanguage) ReadSegments(Stream xliff, string defaultLanguage)
    {
        var document = XliffSegments.Read(xliff, defaultLanguage, DocumentQuery.MaxSegments);
        return (document.Segments, document.SourceLanguage);
    }
}
