using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Common.DiskFormat;

/// <summary>
/// The JSON stored in <c>source_tags</c>/<c>target_tags</c>, <c>props</c> and <c>notes</c>.
/// An empty list is stored as SQL NULL. Frozen shapes (old databases hold them):
/// <list type="bullet">
/// <item>tags: <c>[{"kind":1,"pos":0,"xml":"&lt;bpt i=\"1\"/&gt;"}]</c>, kind = <see cref="InlineTagKind"/> number;</item>
/// <item>props: <c>[{"type":"x-domain","value":"law","lang":"tg"}]</c>, <c>lang</c> omitted when absent;</item>
/// <item>notes: <c>[{"text":"…","lang":"en"}]</c>, <c>lang</c> omitted when absent.</item>
/// </list>
/// Readers ignore unknown members so a later version may add some.
/// </summary>
internal static class StoredJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep Cyrillic and markup readable in the database; this JSON never reaches HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    public static string? WriteTags(ImmutableArray<InlineTag> tags)
    {
        if (tags.IsDefaultOrEmpty)
        {
            return null;
        }

        return Write(tags, static (writer, tag) =>
        {
            writer.WriteNumber("kind", (int)tag.Kind);
            writer.WriteNumber("pos", tag.Position);
            writer.WriteString("xml", tag.Xml);
        });
    }

    public static string? WriteProperties(ImmutableArray<UnitProperty> properties)
    {
        if (properties.IsDefaultOrEmpty)
        {
            return null;
        }

        return Write(properties, static (writer, property) =>
        {
            writer.WriteString("type", property.Type);
            writer.WriteString("value", property.Value);
            if (property.Language is not null)
            {
                writer.WriteString("lang", property.Language);
            }
        });
    }

    public static string? WriteNotes(ImmutableArray<UnitNote> notes)
    {
        if (notes.IsDefaultOrEmpty)
        {
            return null;
        }

        return Write(notes, static (writer, note) =>
        {
            writer.WriteString("text", note.Text);
            if (note.Language is not null)
            {
                writer.WriteString("lang", note.Language);
            }
        });
    }

    public static ImmutableArray<InlineTag> ReadTags(string? json) =>
        Read(json, static element => new InlineTag(
            (InlineTagKind)element.GetProperty("kind").GetInt32(),
            element.GetProperty("pos").GetInt32(),
            element.GetProperty("xml").GetString() ?? string.Empty));

    public static ImmutableArray<UnitProperty> ReadProperties(string? json) =>
        Read(json, static element => new UnitProperty(
            element.GetProperty("type").GetString() ?? string.Empty,
            element.GetProperty("value").GetString() ?? string.Empty,
            OptionalString(element, "lang")));

    public static ImmutableArray<UnitNote> ReadNotes(string? json) =>
        Read(json, static element => new UnitNote(
            element.GetProperty("text").GetString() ?? string.Empty,
            OptionalString(element, "lang")));

    private static string Write<T>(ImmutableArray<T> items, Action<Utf8JsonWriter, T> writeMembers)
    {
        // An import encodes millions of small arrays: reuse one buffer and writer per thread.
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(1_024);
        var writer = _threadWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writeMembers(writer, item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ImmutableArray<T> Read<T>(string? json, Func<JsonElement, T> readItem)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var builder = ImmutableArray.CreateBuilder<T>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            builder.Add(readItem(element));
        }

        return builder.MoveToImmutable();
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
