using System.Text;
using System.Xml.Linq;
using Tarjuma.Core.Xliff;

namespace Tarjuma.Core.Tests.Xliff;

/// <summary>Runs the leverage step on a document held in memory.</summary>
internal static class XliffRun
{
    public static async Task<(XDocument Output, string Text, XliffLeverageSummary Summary)> RunAsync(string xliff, IXliffLookup lookup,
        XliffLeverageOptions? options = null)
    {
        var bytes = Encoding.UTF8.GetBytes(xliff);
        return await RunAsync(bytes, lookup, options);
    }

    public static async Task<(XDocument Output, string Text, XliffLeverageSummary Summary)> RunAsync(byte[] input, IXliffLookup lookup,
        XliffLeverageOptions? options = null)
    {
        using var output = new MemoryStream();
        var summary = await XliffLeverage.RunAsync(() => new MemoryStream(input), output, lookup, options ?? new XliffLeverageOptions(),
            CancellationToken.None);
        var text = Encoding.UTF8.GetString(output.ToArray());
        return (XDocument.Parse(text, LoadOptions.PreserveWhitespace), text, summary);
    }

    public static readonly XNamespace X12 = "urn:oasis:names:tc:xliff:document:1.2";
    public static readonly XNamespace X20 = "urn:oasis:names:tc:xliff:document:2.0";
    public static readonly XNamespace Mtc = "urn:oasis:names:tc:xliff:matches:2.0";
}
