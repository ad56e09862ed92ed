using System.Text.Json;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Security;
using Tarjuma.Server.Protocols.Shared;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Protocols.Apy;

/// <summary>
/// The Apertium APy protocol (OmegaT's Apertium connector with a custom server URL, Weblate's
/// apertium-apy machinery): <c>GET translate?q=&amp;langpair=tg|en&amp;key=</c> answers the best
/// memory match's suggestion (placeables carried over) when it reaches
/// <see cref="ProtocolOptions.ApyMinScore"/>; below it, <c>translatedText</c> is the empty string
/// (no match), which OmegaT shows as no suggestion rather than the untranslated source.
/// <c>GET listPairs</c> lists the pairs the key can read, both directions.
/// </summary>
internal static class ApyEndpoints
{
    private static readonly ProtocolStyle Style = new("apy", KeyOf, WriteErrorAsync);

    public static void Map(IEndpointRouteBuilder group)
    {
        var translate = ProtocolEndpoint.Handle(Style, TranslateAsync);
        group.MapMethods("/translate", [HttpMethods.Get, HttpMethods.Post], translate);
        group.MapGet("/listPairs", ProtocolEndpoint.Handle(Style, ListPairsAsync));
    }

    /// <summary>The key in the path, else APy's <c>key</c> parameter.</summary>
    private static string? KeyOf(HttpContext context) =>
        ProtocolStyle.KeyFromPath(context) ?? (ProtocolLookup.Parameter(context.Request, "key") is { Length: > 0 } key ? key : null);

    /// <summary>Errors in the same envelope: <c>responseData</c> null, the message in <c>responseDetails</c>, the status in both places.</summary>
    public static Task WriteErrorAsync(HttpResponse response, int status, string message) =>
        JsonBody.WriteAsync(response, status, writer => WriteEnvelope(writer, status, message, data: null));

    public static void WriteEnvelope(Utf8JsonWriter writer, int status, string? details, Action<Utf8JsonWriter>? data)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("responseData");
        if (data is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            data(writer);
        }

        if (details is null)
        {
            writer.WriteNull("responseDetails");
        }
        else
        {
            writer.WriteString("responseDetails", details);
        }

        writer.WriteNumber("responseStatus", status);
        writer.WriteEndObject();
    }

    private static async Task TranslateAsync(ProtocolCall call)
    {
        var (source, target) = LanguagePair.Parse(ProtocolLookup.Required(call.Request, "langpair"));
        var text = ProtocolLookup.Required(call.Request, "q");
        var services = call.Http.RequestServices;
        ProtocolWrites.CheckLength(text, services.GetRequiredService<IOptions<TarjumaLimits>>().Value, "q");
        var memories = await PairMemories.FindAsync(call.Store, call.Caller, source, target, MemoryAccess.Read, call.Aborted);
        if (memories.Count == 0)
        {
            // APy's answer for a pair it has not installed.
            throw new ProtocolException(StatusCodes.Status400BadRequest, $"That pair is not installed: no memory {source}↔{target} this key may read.");
        }

        var minScore = services.GetRequiredService<IOptions<ProtocolOptions>>().Value.ApyMinScore;
        var matches = await ProtocolLookup.LookupAsync(call.Store, memories, source, text, minScore, 1, call.Aborted);
        var translated = matches.Count > 0 ? ProtocolLookup.Suggestion(matches[0]) : "";
        await JsonBody.WriteAsync(call.Http.Response, StatusCodes.Status200OK, writer => WriteEnvelope(writer, StatusCodes.Status200OK, null, data =>
        {
            data.WriteStartObject();
            data.WriteString("translatedText", translated);
            data.WriteEndObject();
        }));
    }

    private static async Task ListPairsAsync(ProtocolCall call)
    {
        var memories = (await call.Store.ListMemoriesAsync(call.Aborted)).Where(m => call.Caller.Allows(m.Name, MemoryAccess.Read));
        var pairs = memories
            .SelectMany(m => new[] { (m.SourceLanguage.Language, m.TargetLanguage.Language), (m.TargetLanguage.Language, m.SourceLanguage.Language) })
            .Distinct()
            .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal)
            .ToList();
        await JsonBody.WriteAsync(call.Http.Response, StatusCodes.Status200OK, writer => WriteEnvelope(writer, StatusCodes.Status200OK, null, data =>
        {
            data.WriteStartArray();
            foreach (var (from, to) in pairs)
            {
                data.WriteStartObject();
                data.WriteString("sourceLanguage", from);
                data.WriteString("targetLanguage", to);
                data.WriteEndObject();
            }

            data.WriteEndArray();
        }));
    }
}
