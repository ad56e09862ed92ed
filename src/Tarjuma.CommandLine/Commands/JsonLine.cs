using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tarjuma.CommandLine.Commands;

/// <summary>Writes one JSON value as one line of machine output.</summary>
internal static class JsonLine
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Tajik stays readable in the output; it is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
