using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Server.Protocols.Shared;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Protocols.TmServer;

/// <summary>
/// The Translate Toolkit <c>tmserver</c> protocol as amaGama serves it (Weblate's tmserver
/// machinery, Okapi's TranslateToolkit connector, Virtaal): <c>GET {src}/{tgt}/unit/{text}</c> or
/// <c>…/unit/?source=</c> → <c>[{"source","target","quality","rank"}]</c>, best first;
/// <c>POST</c>/<c>PUT</c> adds a unit; <c>GET languages/</c>. An unknown pair is <c>200 []</c>
/// (Weblate's settings check asks en→de). Errors: <c>{"error": "…"}</c> with the HTTP status.
/// </summary>
internal static class TmServerEndpoints
{
    /// <summary>amaGama's defaults (<c>MIN_SIMILARITY</c>, <c>MAX_CANDIDATES</c>).</summary>
    public const int DefaultMinSimilarity = 70;

    public const int DefaultMaxCandidates = 5;

    private static readonly ProtocolStyle Style = new("tmserver", ProtocolStyle.KeyFromPath, WriteErrorAsync);

    public static void Map(IEndpointRouteBuilder group)
    {
        // Routing ignores a trailing slash: this answers amaGama's "languages/" too.
        group.MapGet("/languages", ProtocolEndpoint.Handle(Style, LanguagesAsync));
        group.MapGet("/{src}/{tgt}/unit/{**text}", ProtocolEndpoint.Handle(Style, LookupAsync));
        group.MapMethods("/{src}/{tgt}/unit/{**text}", [HttpMethods.Post, HttpMethods.Put], ProtocolEndpoint.Handle(Style, AddAsync));
    }

    public static Task WriteErrorAsync(HttpResponse response, int status, string message) =>
        JsonBody.WriteAsync(response, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        });

    private static async Task LookupAsync(ProtocolCall call)
    {
        var (source, target) = Pair(call);
        var text = ProtocolLookup.Cut(QueryText(call));
        var minScore = ProtocolLookup.IntParameter(call.Request, "min_similarity", 1, 100, DefaultMinSimilarity);
        var limit = call.Http.RequestServices.GetRequiredService<IOptions<TarjumaLimits>>().Value.MaxResults;
        var maxResults = ProtocolLookup.IntParameter(call.Request, "max_candidates", 1, Math.Min(limit, LookupQuery.MaxMaxResults), DefaultMaxCandidates);
        var memories = await PairMemories.FindAsync(call.Store, call.Caller, source, target, MemoryAccess.Read, call.Aborted);
        var matches = await ProtocolLookup.LookupAsync(call.Store, memories, source, text, minScore, maxResults, call.Aborted);
        await JsonBody.WriteAsync(call.Http.Response, StatusCodes.Status200OK, writer => WriteMatches(writer, matches));
    }

    /// <summary>The response array; quality and rank carry a decimal point (<c>100.0</c>) because clients cast them to double.</summary>
    public static void WriteMatches(Utf8JsonWriter writer, IReadOnlyList<LookupMatch> matches)
    {
        writer.WriteStartArray();
        foreach (var match in matches)
        {
            // No in-context query here, so scores stay within 0–100; rank is amaGama's ordering key, ours is the score.
            var score = Math.Min(match.Score, 100);
            writer.WriteStartObject();
            writer.WriteString("source", match.Unit.Source.Text);
            writer.WriteString("target", ProtocolLookup.Suggestion(match));
            JsonBody.WriteDecimal(writer, "quality", score);
            JsonBody.WriteDecimal(writer, "rank", score);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static async Task AddAsync(ProtocolCall call)
    {
        var (source, target) = Pair(call);
        AddBody body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<AddBody>(call.Request.Body, AddBodyOptions, call.Aborted) ?? new AddBody(null, null);
        }
        catch (JsonException exception)
        {
            throw new ProtocolException(StatusCodes.Status400BadRequest, $"body: not a JSON object {{\"source\", \"target\"}} ({exception.Message}).");
        }

        var sourceText = string.IsNullOrEmpty(body.Source) ? PathText(call.Http) : body.Source;
        if (string.IsNullOrWhiteSpace(sourceText))
        {
            throw new ProtocolException(StatusCodes.Status400BadRequest, "source: required (in the body or the path).");
        }

        if (string.IsNullOrWhiteSpace(body.Target))
        {
            throw new ProtocolException(StatusCodes.Status400BadRequest, "target: required in the body.");
        }

        var memory = await PairMemories.ForWriteAsync(call.Store, call.Caller, source, target, call.Request.Query["memory"].ToString(), "memory", call.Aborted);
        var result = await ProtocolWrites.AddAsync(call, memory, source, sourceText, body.Target, "source", "target");
        await JsonBody.WriteAsync(call.Http.Response, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("memory", memory.Name);
            writer.WriteNumber("id", result.Id);
            writer.WriteString("outcome", result.Outcome == Core.Storage.UnitWriteOutcome.Added ? "added" : "updated");
            writer.WriteEndObject();
        });
    }

    /// <summary>amaGama's <c>languages/</c>: every language the caller's memories can be searched from or into.</summary>
    private static async Task LanguagesAsync(ProtocolCall call)
    {
        var memories = (await call.Store.ListMemoriesAsync(call.Aborted)).Where(m => call.Caller.Allows(m.Name, MemoryAccess.Read)).ToList();
        var languages = memories.SelectMany(m => new[] { m.SourceLanguage.Language, m.TargetLanguage.Language })
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await JsonBody.WriteAsync(call.Http.Response, StatusCodes.Status200OK, writer =>
        {
            // Both directions are served, so both lists hold every language.
            writer.WriteStartObject();
            writer.WriteStartArray("sourceLanguages");
            languages.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteStartArray("targetLanguages");
            languages.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static (LanguageTag Source, LanguageTag Target) Pair(ProtocolCall call) =>
        (LanguageCodes.Fold(call.Http.GetRouteValue("src") as string, "source language"),
         LanguageCodes.Fold(call.Http.GetRouteValue("tgt") as string, "target language"));

    /// <summary>The text from the path, else <c>?source=</c>; 400 when neither has any.</summary>
    private static string QueryText(ProtocolCall call)
    {
        var text = PathText(call.Http);
        if (text.Length == 0)
        {
            text = call.Request.Query["source"].ToString();
        }

        return text.Length > 0 ? TextNormalizer.ToNfc(text) : throw new ProtocolException(StatusCodes.Status400BadRequest,
            "source: required (…/unit/TEXT or …/unit/?source=TEXT).");
    }

    /// <summary>
    /// The text after <c>/unit/</c> decoded from the raw request target: routing leaves <c>%2F</c>
    /// encoded (a <c>/</c> inside the text), so the route value cannot be used as it is.
    /// </summary>
    public static string PathText(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        const string Marker = "/unit/";
        var start = path.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        // A malformed escape (a lone '%') stays as it is, as Python's unquote leaves it.
        return Uri.UnescapeDataString(path[(start + Marker.Length)..]);
    }

    private static readonly JsonSerializerOptions AddBodyOptions = new(JsonSerializerDefaults.Web);

    private sealed record AddBody(string? Source, string? Target);
}
