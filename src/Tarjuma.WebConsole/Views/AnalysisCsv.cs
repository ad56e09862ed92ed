using System.Globalization;
using System.Text;
using Tarjuma.Protos.V1;

namespace Tarjuma.WebConsole.Views;

/// <summary>The match-band table as CSV (RFC 4180: CRLF line ends, fields quoted when needed), invariant numbers.</summary>
public static class AnalysisCsv
{
    public static string Write(AnalyzeResponse analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var csv = new StringBuilder("band,segments,words,characters\r\n");
        foreach (var band in analysis.Bands.Append(analysis.Total ?? new Band { Name = "total" }))
        {
            var name = string.IsNullOrEmpty(band.Name) ? "total" : band.Name;
            csv.Append(Field(name)).Append(',')
                .Append(band.Segments.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(band.Words.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(band.Characters.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 §2.6-2.7: quote a field holding a comma, quote or line break; double inner quotes.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
