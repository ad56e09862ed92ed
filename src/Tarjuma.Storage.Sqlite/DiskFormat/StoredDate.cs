using System.Globalization;

namespace Tarjuma.Storage.Sqlite.DiskFormat;

/// <summary>
/// Dates on disk: UTC ISO 8601 with seven fraction digits and a <c>Z</c>, fixed width, so that
/// SQLite's text order is time order (<c>MAX(changed_at)</c> works) and no tick is lost.
/// Frozen: old databases hold this format.
/// </summary>
internal static class StoredDate
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Write(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? Write(DateTimeOffset? value) => value is { } v ? Write(v) : null;

    public static DateTimeOffset Read(string text) =>
        new(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
