using System.Globalization;

namespace Tarjuma.Core.Tmx;

/// <summary>The TMX date format, <c>YYYYMMDDThhmmssZ</c> in UTC (TMX 1.4b §3.4, ISO 8601 basic format).</summary>
internal static class TmxDate
{
    private const string Pattern = "yyyyMMdd'T'HHmmss'Z'";

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text.Trim(),
            Pattern,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);

    /// <summary>Formats in UTC; TMX has no fraction of a second, so it is dropped.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
