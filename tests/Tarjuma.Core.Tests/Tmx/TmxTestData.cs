using System.Text;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Tmx;

namespace Tarjuma.Core.Tests.Tmx;

/// <summary>Fixtures and helpers shared by the TMX tests.</summary>
internal static class TmxTestData
{
    public static LanguageTag Tajik { get; } = LanguageTag.Parse("tg", "test");

    public static LanguageTag English { get; } = LanguageTag.Parse("en", "test");

    public static TmxReadOptions TajikToEnglish { get; } = new(Tajik, English);

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Tmx", name);

    public static async Task<List<ImportItem>> ReadFileAsync(string path, TmxReadOptions? options = null)
    {
        await using var stream = File.OpenRead(path);
        return await ReadStreamAsync(stream, options);
    }

    public static Task<List<ImportItem>> ReadFixtureAsync(string name, TmxReadOptions? options = null) =>
        ReadFileAsync(PathOf(name), options);

    public static async Task<List<ImportItem>> ReadStringAsync(string xml, TmxReadOptions? options = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return await ReadStreamAsync(stream, options);
    }

    public static async Task<List<ImportItem>> ReadStreamAsync(Stream stream, TmxReadOptions? options = null)
    {
        var items = new List<ImportItem>();
        await foreach (var item in TmxReader.ReadAsync(stream, options ?? TajikToEnglish))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>The items and the units skipped (lacking a memory language), by reason.</summary>
    public static async Task<(List<ImportItem> Items, IReadOnlyList<ImportSkip> Skipped)> ReadWithSkipsAsync(Stream stream, TmxReadOptions? options = null)
    {
        using var reader = await TmxReader.OpenAsync(stream, options ?? TajikToEnglish);
        var items = new List<ImportItem>();
        await foreach (var item in reader.ReadUnitsAsync())
        {
            items.Add(item);
        }

        return (items, reader.Skipped);
    }

    /// <summary>A tg→en document around <paramref name="body"/>; the first body line is line 5.</summary>
    public static string Document(string body, string sourceLanguage = "tg") =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<tmx version=\"1.4\">\n"
        + $"<header creationtool=\"t\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
            + $"srclang=\"{sourceLanguage}\" o-tmf=\"t\"/>\n"
        + "<body>\n"
        + body + "\n"
        + "</body>\n</tmx>\n";

    /// <summary>A unit whose source segment is <paramref name="sourceSeg"/> (inner XML).</summary>
    public static string Unit(string sourceSeg, string targetSeg = "Text.") =>
        $"<tu><tuv xml:lang=\"tg\"><seg>{sourceSeg}</seg></tuv><tuv xml:lang=\"en\"><seg>{targetSeg}</seg></tuv></tu>";

    /// <summary>Theory rows from a JSON-lines file: the case name first so that a failure names it.</summary>
    public static IEnumerable<object[]> JsonLines(string file) =>
        File.ReadLines(PathOf(file), Encoding.UTF8)
            .Where(line => line.Length > 0)
            .Select(line => new object[] { System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("name").GetString()!, line });

    public static TranslationUnit Accepted(this ImportItem item)
    {
        Assert.True(item.Unit is not null, $"expected a unit, got rejection: {item.Rejection}");
        return item.Unit!;
    }

    public static ImportRejection Rejected(this ImportItem item)
    {
        Assert.True(item.Rejection is not null, $"expected a rejection, got unit: {item.Unit?.Source}");
        return item.Rejection!;
    }
}
