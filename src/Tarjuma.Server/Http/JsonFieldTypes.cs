using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Tarjuma.Server.Http;

/// <summary>
/// Finds the first field of a REST body whose JSON value cannot be the field's type under the proto3
/// JSON mapping (https://protobuf.dev/programming-guides/json/), and names it the way gRPC errors do
/// (<c>max_results</c>, <c>more_memories[1].penalty</c>). JSON transcoding reports such a body only as
/// "not correctly formatted". Only what the transcoder refuses is reported, as measured by RestApiTests: it
/// reads 32-bit numbers only from JSON numbers (64-bit ones also from strings, as proto3 JSON writes them),
/// and null for a singular field but not for a list; enums by name or number. It stays the judge of the rest.
/// </summary>
internal static class JsonFieldTypes
{
    /// <summary>How deep a body is walked: far past any message of ours, short of a stack overflow on a hostile body.</summary>
    private const int MaxDepth = 32;

    /// <summary>The first mismatch as (field path, description), or null when every known field's value fits.</summary>
    public static (string Field, string Description)? FindMismatch(JsonElement body, MessageDescriptor message, string prefix = "") =>
        CheckMessage(body, message, prefix, 0);

    private static (string, string)? CheckMessage(JsonElement value, MessageDescriptor message, string path, int depth)
    {
        if (value.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return value.ValueKind == JsonValueKind.Object ? null : Wrong(path.Length == 0 ? "body" : path, "an object", value);
        }

        foreach (var property in value.EnumerateObject())
        {
            // Unknown names are ignored, as the transcoder ignores them.
            var field = message.FindFieldByName(property.Name)
                ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => string.Equals(f.JsonName, property.Name, StringComparison.Ordinal));
            if (field is null || (property.Value.ValueKind == JsonValueKind.Null && !field.IsRepeated && !field.IsMap))
            {
                continue;
            }

            var name = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            if (CheckField(property.Value, field, name, depth) is { } mismatch)
            {
                return mismatch;
            }
        }

        return null;
    }

    private static (string, string)? CheckField(JsonElement value, FieldDescriptor field, string path, int depth)
    {
        if (field.IsMap)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                return Wrong(path, "an object (a map)", value);
            }

            var valueField = field.MessageType.FindFieldByNumber(2);
            foreach (var entry in value.EnumerateObject())
            {
                if (CheckSingle(entry.Value, valueField, $"{path}[{entry.Name}]", depth) is { } mismatch)
                {
                    return mismatch;
                }
            }

            return null;
        }

        if (field.IsRepeated)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return Wrong(path, "an array", value);
            }

            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (CheckSingle(item, field, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), depth) is { } mismatch)
                {
                    return mismatch;
                }
            }

            return null;
        }

        return CheckSingle(value, field, path, depth);
    }

    private static (string, string)? CheckSingle(JsonElement value, FieldDescriptor field, string path, int depth)
    {
        var kind = value.ValueKind;
        return field.FieldType switch
        {
            FieldType.String => kind == JsonValueKind.String ? null : Wrong(path, "a string", value),
            FieldType.Bytes => kind == JsonValueKind.String ? null : Wrong(path, "a base64 string", value),
            FieldType.Bool => kind is JsonValueKind.True or JsonValueKind.False ? null : Wrong(path, "true or false", value),
            FieldType.Enum => kind is JsonValueKind.String or JsonValueKind.Number ? null : Wrong(path, "an enum name (a string)", value),
            FieldType.Double or FieldType.Float => kind == JsonValueKind.Number ? null : Wrong(path, "a number", value),
            FieldType.Message or FieldType.Group => CheckMessageValue(value, field.MessageType, path, depth),
            FieldType.Int64 or FieldType.UInt64 or FieldType.SInt64 or FieldType.Fixed64 or FieldType.SFixed64 =>
                IsInteger(value) ? null : Wrong(path, "an integer (a number or a string of digits)", value),
            _ => kind == JsonValueKind.Number ? null : Wrong(path, "a JSON number (an integer)", value),
        };
    }

    private static (string, string)? CheckMessageValue(JsonElement value, MessageDescriptor message, string path, int depth) =>
        message.FullName switch
        {
            // Well-known types with a JSON form of their own.
            "google.protobuf.Timestamp" or "google.protobuf.Duration" or "google.protobuf.FieldMask" =>
                value.ValueKind == JsonValueKind.String ? null : Wrong(path, "a string", value),
            "google.protobuf.Value" => null,
            "google.protobuf.Struct" => value.ValueKind == JsonValueKind.Object ? null : Wrong(path, "an object", value),
            "google.protobuf.ListValue" => value.ValueKind == JsonValueKind.Array ? null : Wrong(path, "an array", value),
            "google.protobuf.Any" => value.ValueKind == JsonValueKind.Object ? null : Wrong(path, "an object", value),
            _ when message.File.Package == "google.protobuf" && message.Name.EndsWith("Value", StringComparison.Ordinal) =>
                CheckSingle(value, message.FindFieldByNumber(1), path, depth),
            _ => CheckMessage(value, message, path, depth + 1),
        };

    /// <summary>A JSON number, or a string holding an integer (proto3 JSON writes 64-bit integers as strings).</summary>
    private static bool IsInteger(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number
        || (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));

    private static (string, string) Wrong(string path, string expected, JsonElement value) =>
        (path, $"expected {expected}, not {Describe(value)}.");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Quote(value.GetString()!)}",
        JsonValueKind.Number => $"the number {Cut(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Quote(string text) => $"\"{Cut(text)}\"";

    /// <summary>Long values are cut in the message: it names the field, it need not echo the whole body.</summary>
    private static string Cut(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
