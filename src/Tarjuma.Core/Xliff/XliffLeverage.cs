using System.Text;
using System.Xml;

namespace Tarjuma.Core.Xliff;

/// <summary>
/// Pre-translates ("leverages") an XLIFF 1.2 or 2.x document against a memory: streams it through,
/// one unit at a time, adding candidates and filling empty targets; every other node is copied as
/// read. The output is the input plus our additions.
/// </summary>
public static class XliffLeverage
{
    /// <summary>Score of an exact match (identical source).</summary>
    public const int ExactScore = 100;

    /// <summary>Prefix of the <c>origin</c> of every candidate we add (<c>Tarjuma:MEMORY</c>).</summary>
    public const string OriginPrefix = "Tarjuma:";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,

        // Carriage returns the reader kept (from &#xD;) stay characters, not line ends.
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>The <c>origin</c> written on candidates from <paramref name="memory"/>.</summary>
    public static string Origin(string memory) => OriginPrefix + memory;

    /// <summary>
    /// Reads the document from <paramref name="openInput"/> and writes the leveraged document to
    /// <paramref name="output"/>. The input is opened twice (a second pass reads one segment ahead,
    /// for in-context matches); memory use does not grow with its size. A document that is not
    /// XLIFF 1.2/2.0/2.1, or not well-formed, is refused with its line and column
    /// (<see cref="Model.TarjumaException"/>, field <c>file</c>) — by then part of the output may have been written,
    /// so callers write to a temporary file.
    /// </summary>
    public static async Task<XliffLeverageSummary> RunAsync(Func<Stream> openInput, Stream output, IXliffLookup lookup, XliffLeverageOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openInput);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var run = new LeverageRun(lookup, options, openInput);
        try
        {
            using var scanner = new XliffScanner(openInput());
            using (var writer = XmlWriter.Create(output, WriterSettings))
            {
                while (scanner.MoveNext(writer))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    run.Units++;
                    if (scanner.UnitIsLocked)
                    {
                        run.SkippedUnits++;
                    }
                    else
                    {
                        var language = await run.LanguageAsync(scanner.UnitSourceLanguage, scanner.UnitPosition, cancellationToken);
                        var rewrite = scanner.Dialect!.IsVersion2
                            ? UnitRewriter.RewriteAsync(scanner.Unit, scanner.Dialect, language, run, scanner.UnitPosition, cancellationToken)
                            : TransUnitRewriter.RewriteAsync(scanner.Unit, scanner.Dialect, language, run, scanner.UnitPosition, cancellationToken);
                        await rewrite;
                    }

                    scanner.Unit.WriteTo(writer);
                }
            }

            return run.Summary(scanner.Dialect!.Version);
        }
        finally
        {
            run.DisposeAhead();
        }
    }
}
