using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tarjuma.Server.Protocols.Shared;

/// <summary>Compact JSON responses written field by field, so names, order and number formats are exactly the protocol's.</summary>
internal static class JsonBody
{
    public const string ContentType = "application/json; charset=utf-8";

    // Tajik text stays readable (no \u escapes); the body is served as JSON, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The bytes <paramref name="write"/> produces (golden tests compare them).</summary>
    public static ReadOnlyMemory<byte> Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }

    public static async Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write)
    {
        var body = Render(write);
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, response.HttpContext.RequestAborted);
    }

    /// <summary>A number with a decimal point (<c>100.0</c>): some clients read these fields as doubles only.</summary>
    public static void WriteDecimal(Utf8JsonWriter writer, string name, int value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(string.Create(CultureInfo.InvariantCulture, $"{value}.0"), skipInputValidation: true);
    }
}
