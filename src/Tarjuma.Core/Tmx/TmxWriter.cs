using System.Globalization;
using System.Text;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tmx;

/// <summary>
/// Writes a memory as a TMX 1.4b Level 2 document in UTF-8: a header describing the memory, then
/// one <c>&lt;tu&gt;</c> per unit with its metadata, context, and two <c>&lt;tuv&gt;</c>s whose
/// <c>&lt;seg&gt;</c> holds the escaped text with the inline tags' XML in place. Units are streamed
/// and the output flushed regularly, so memory stays flat however many units there are.
/// </summary>
public static class TmxWriter
{
    /// <summary>Our prop type for the source segment before a unit (in-context matches).</summary>
    public const string PreviousContextType = "x-context-prev";

    /// <summary>Our prop type for the source segment after a unit.</summary>
    public const string NextContextType = "x-context-next";

    /// <summary>Units written between flushes of the output.</summary>
    internal const int UnitsPerFlush = 1_000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="units"/> of <paramref name="memory"/> to <paramref name="stream"/>, which stays open.</summary>
    public static Task WriteAsync(Stream stream, MemoryInfo memory, IAsyncEnumerable<TranslationUnit> units, CancellationToken cancellationToken = default) =>
        WriteAsync(stream, memory, units, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Writes with a fixed header <c>creationdate</c> instead of the current time, so the same
    /// memory content gives the same bytes (a feed's strong ETag).
    /// </summary>
    public static Task WriteAsync(Stream stream, MemoryInfo memory, IAsyncEnumerable<TranslationUnit> units, DateTimeOffset creationDate,
        CancellationToken cancellationToken = default) =>
        WriteAsync(stream, memory, units, new FixedClock(creationDate), cancellationToken);

    internal static async Task WriteAsync(Stream stream, MemoryInfo memory, IAsyncEnumerable<TranslationUnit> units, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(clock);

        await using var writer = new StreamWriter(stream, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        var builder = new StringBuilder(4096);
        AppendHeader(builder, memory, clock.GetUtcNow());
        await writer.WriteAsync(builder, cancellationToken);

        var written = 0;
        await foreach (var unit in units.WithCancellation(cancellationToken))
        {
            builder.Clear();
            AppendUnit(builder, unit, memory);
            await writer.WriteAsync(builder, cancellationToken);
            if (++written % UnitsPerFlush == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.WriteAsync("  </body>\n</tmx>\n".AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    private static void AppendHeader(StringBuilder builder, MemoryInfo memory, DateTimeOffset now)
    {
        var version = typeof(TmxWriter).Assembly.GetName().Version ?? new Version(1, 0);
        builder.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n")
            .Append("<tmx version=\"1.4\">\n")
            .Append("  <header");
        TmxXml.AppendAttribute(builder, "creationtool", "Tarjuma");
        TmxXml.AppendAttribute(builder, "creationtoolversion", version.ToString(3));
        TmxXml.AppendAttribute(builder, "datatype", "plaintext");
        TmxXml.AppendAttribute(builder, "segtype", "sentence");
        TmxXml.AppendAttribute(builder, "adminlang", "en");
        TmxXml.AppendAttribute(builder, "srclang", memory.SourceLanguage.Value);
        TmxXml.AppendAttribute(builder, "o-tmf", "Tarjuma");
        TmxXml.AppendAttribute(builder, "creationdate", TmxDate.Format(now));
        builder.Append(">\n");
        AppendProperty(builder, new UnitProperty("x-memory", memory.Name), "    ");
        if (!string.IsNullOrEmpty(memory.Description))
        {
            AppendNote(builder, new UnitNote(memory.Description), "    ");
        }

        builder.Append("  </header>\n  <body>\n");
    }

    private static void AppendUnit(StringBuilder builder, TranslationUnit unit, MemoryInfo memory)
    {
        builder.Append("    <tu");
        if (unit.ExternalId is { } id)
        {
            TmxXml.AppendAttribute(builder, "tuid", id);
        }

        AppendDate(builder, "creationdate", unit.CreatedAt);
        if (unit.CreatedBy is { } createdBy)
        {
            TmxXml.AppendAttribute(builder, "creationid", createdBy);
        }

        AppendDate(builder, "changedate", unit.ChangedAt);
        if (unit.ChangedBy is { } changedBy)
        {
            TmxXml.AppendAttribute(builder, "changeid", changedBy);
        }

        if (unit.UsageCount > 0)
        {
            TmxXml.AppendAttribute(builder, "usagecount", unit.UsageCount.ToString(CultureInfo.InvariantCulture));
        }

        AppendDate(builder, "lastusagedate", unit.LastUsedAt);
        builder.Append(">\n");

        // TMX 1.4b §3.2.3: a tu holds its notes and props before its tuvs.
        foreach (var note in unit.Notes)
        {
            AppendNote(builder, note, "      ");
        }

        // Context is source-language text: xml:lang says so, so that a reversed import can tell.
        if (unit.PreviousSource is { } previous)
        {
            AppendProperty(builder, new UnitProperty(PreviousContextType, previous, memory.SourceLanguage.Value), "      ");
        }

        if (unit.NextSource is { } next)
        {
            AppendProperty(builder, new UnitProperty(NextContextType, next, memory.SourceLanguage.Value), "      ");
        }

        foreach (var property in unit.Properties)
        {
            AppendProperty(builder, property, "      ");
        }

        AppendVariant(builder, memory.SourceLanguage, unit.Source);
        AppendVariant(builder, memory.TargetLanguage, unit.Target);
        builder.Append("    </tu>\n");
    }

    private static void AppendVariant(StringBuilder builder, LanguageTag language, SegmentText segment)
    {
        builder.Append("      <tuv");
        TmxXml.AppendAttribute(builder, "xml:lang", language.Value);
        builder.Append("><seg>");
        AppendSegment(builder, segment);
        builder.Append("</seg></tuv>\n");
    }

    /// <summary>Renders a segment: text escaped, each tag's XML verbatim at its position.</summary>
    internal static void AppendSegment(StringBuilder builder, SegmentText segment)
    {
        var text = segment.Text.AsSpan();
        var next = 0;
        foreach (var tag in segment.Tags)
        {
            // Tags come in position order; one that does not is written where the previous one was.
            var at = Math.Max(tag.Position, next);
            TmxXml.AppendText(builder, text[next..at]);
            builder.Append(tag.Xml);
            next = at;
        }

        TmxXml.AppendText(builder, text[next..]);
    }

    private static void AppendProperty(StringBuilder builder, UnitProperty property, string indent)
    {
        builder.Append(indent).Append("<prop");
        TmxXml.AppendAttribute(builder, "type", property.Type);
        if (property.Language is { } language)
        {
            TmxXml.AppendAttribute(builder, "xml:lang", language);
        }

        builder.Append('>');
        TmxXml.AppendText(builder, property.Value);
        builder.Append("</prop>\n");
    }

    private static void AppendNote(StringBuilder builder, UnitNote note, string indent)
    {
        builder.Append(indent).Append("<note");
        if (note.Language is { } language)
        {
            TmxXml.AppendAttribute(builder, "xml:lang", language);
        }

        builder.Append('>');
        TmxXml.AppendText(builder, note.Text);
        builder.Append("</note>\n");
    }

    private static void AppendDate(StringBuilder builder, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            TmxXml.AppendAttribute(builder, name, TmxDate.Format(date));
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
