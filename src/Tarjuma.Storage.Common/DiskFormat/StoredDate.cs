using System.Globalization;

namespace Tarjuma.Storage.Common.DiskFormat;

/// <summary>
/// Dates on disk: UTC ISO 8601 with seven fraction digits and a <c>Z</c>, fixed width, so that
/// SQLite's text order is time order (<c>MAX(changed_at)</c> works) and no tick is lost.
/// Frozen: old databases hold this format.
/// </summary>
internal static class StoredDate
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Formats as <see cref="Format"/>; written by hand because imports format millions of dates.</summary>
    public static string Write(DateTimeOffset value) => string.Create(28, value.UtcDateTime, static (span, utc) =>
    {
        Digits(span[..4], utc.Year);
        span[4] = '-';
        Digits(span.Slice(5, 2), utc.Month);
        span[7] = '-';
        Digits(span.Slice(8, 2), utc.Day);
        span[10] = 'T';
        Digits(span.Slice(11, 2), utc.Hour);
        span[13] = ':';
        Digits(span.Slice(14, 2), utc.Minute);
        span[16] = ':';
        Digits(span.Slice(17, 2), utc.Second);
        span[19] = '.';
        Digits(span.Slice(20, 7), (int)(utc.Ticks % TimeSpan.TicksPerSecond));
        span[27] = 'Z';
    });

    public static string? Write(DateTimeOffset? value) => value is { } v ? Write(v) : null;

    private static void Digits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    public static DateTimeOffset Read(string text) =>
        new(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
