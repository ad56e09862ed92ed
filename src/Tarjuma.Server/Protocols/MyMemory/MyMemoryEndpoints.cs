using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Server.Protocols.Shared;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Protocols.MyMemory;

/// <summary>
/// The MyMemory protocol as MateCat calls it with a self-hosted base URL: <c>get</c> (lookup, or
/// concordance with <c>conc=true</c>), <c>set</c>, <c>update</c>, <c>delete</c>. <c>key</c> is a
/// comma-separated list: an item starting with <c>tj_</c> is the API key, every other item names a
/// memory; with no memory named, every memory of the pair the key may read answers.
/// </summary>
internal static class MyMemoryEndpoints
{
    public const int DefaultResults = 3;

    /// <summary>Lowest fuzzy score returned: MateCat lists TM matches from 50 %; below that they are noise.</summary>
    public const int MinScore = 50;

    /// <summary>MyMemory's date format (MySQL DATETIME, UTC); MateCat parses it as such.</summary>
    public const string DateFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>A unit without a date: MySQL's zero date, which MateCat already meets from MyMemory.</summary>
    public const string NoDate = "0000-00-00 00:00:00";

    private static readonly ProtocolStyle Style = new("mymemory", KeyOf, WriteErrorAsync);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapMethods("/get", [HttpMethods.Get, HttpMethods.Post], ProtocolEndpoint.Handle(Style, GetAsync));
        group.MapMethods("/set", [HttpMethods.Get, HttpMethods.Post], ProtocolEndpoint.Handle(Style, SetAsync));
        group.MapMethods("/update", [HttpMethods.Get, HttpMethods.Post], ProtocolEndpoint.Handle(Style, UpdateAsync));
        group.MapMethods("/delete", [HttpMethods.Get, HttpMethods.Post], ProtocolEndpoint.Handle(Style, DeleteAsync));
    }

    private static string? KeyOf(HttpContext context) =>
        ProtocolStyle.KeyFromPath(context) ?? KeyItems(context.Request).FirstOrDefault(IsApiKey);

    private static bool IsApiKey(string item) => item.StartsWith(ApiKeySecret.Prefix, StringComparison.Ordinal);

    private static string[] KeyItems(HttpRequest request) =>
        ProtocolLookup.Parameter(request, "key").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Errors: <c>responseData.translatedText</c> empty (never the message: a client could insert it as a translation).</summary>
    public static Task WriteErrorAsync(HttpResponse response, int status, string message) =>
        JsonBody.WriteAsync(response, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("responseData");
            writer.WriteString("translatedText", "");
            writer.WriteNumber("match", 0);
            writer.WriteEndObject();
            writer.WriteString("responseDetails", message);
            writer.WriteNumber("responseStatus", status);
            writer.WriteStartArray("matches");
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    /// <summary>The memories a call reads: those named in <c>key</c> (each must serve the pair and be readable), else all of the pair.</summary>
    private static async Task<IReadOnlyList<MemoryInfo>> ReadMemoriesAsync(ProtocolCall call, LanguageTag source, LanguageTag target)
    {
        var named = KeyItems(call.Request).Where(item => !IsApiKey(item)).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            return await PairMemories.FindAsync(call.Store, call.Caller, source, target, MemoryAccess.Read, call.Aborted);
        }

        var memories = new List<MemoryInfo>();
        foreach (var name in named)
        {
            MemoryName.Validate(name, "key");
            var memory = await call.Store.FindMemoryAsync(name, call.Aborted);
            if (memory is null || !call.Caller.Allows(name, MemoryAccess.Read))
            {
                throw new ProtocolException(StatusCodes.Status404NotFound, $"key: memory '{name}' does not exist.");
            }

            if (!PairMemories.Serves(memory, source, target))
            {
                throw new ProtocolException(StatusCodes.Status400BadRequest,
                    $"key: memory '{name}' is {memory.SourceLanguage}→{memory.TargetLanguage}, not {source}↔{target}.");
            }

            memories.Add(memory);
        }

        return memories;
    }

    private static async Task<MemoryInfo> WriteMemoryAsync(ProtocolCall call, LanguageTag source, LanguageTag target)
    {
        var named = KeyItems(call.Request).Where(item => !IsApiKey(item)).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 1)
        {
            throw new ProtocolException(StatusCodes.Status400BadRequest, $"key: a write names one memory, not {named.Count} ({string.Join(", ", named)}).");
        }

        return await PairMemories.ForWriteAsync(call.Store, call.Caller, source, target, named.Count == 1 ? named[0] : null, "key", call.Aborted);
    }

    private static async Task GetAsync(ProtocolCall call)
    {
        var request = call.Request;
        var (source, target) = LanguagePair.Parse(ProtocolLookup.Required(request, "langpair"));
        var text = ProtocolLookup.Required(request, "q");
        var limits = call.Http.RequestServices.GetRequiredService<IOptions<TarjumaLimits>>().Value;
        ProtocolWrites.CheckLength(text, limits, "q");
        var results = ProtocolLookup.IntParameter(request, "numres", 1, limits.MaxResults, DefaultResults);
        var memories = await ReadMemoriesAsync(call, source, target);
        var concordance = string.Equals(ProtocolLookup.Parameter(request, "conc"), "true", StringComparison.OrdinalIgnoreCase)
            || ProtocolLookup.Parameter(request, "conc") == "1";
        var matches = concordance
            ? await ConcordanceAsync(call, memories, (source, target), text, results)
            : (await ProtocolLookup.LookupAsync(call.Store, memories, source, text, MinScore, results, call.Aborted,
                previousText: NullIfEmpty(ProtocolLookup.Parameter(request, "context_before")),
                nextText: NullIfEmpty(ProtocolLookup.Parameter(request, "context_after"))))
                .Select(m => new Hit(m, Pair: (source, target))).ToList();
        await JsonBody.WriteAsync(call.Http.Response, StatusCodes.Status200OK, writer => WriteGet(writer, matches, memories));
    }

    /// <summary>A match and the language tags it is reported in (the memory's own tags, oriented to the query).</summary>
    public sealed record Hit(LookupMatch Match, (LanguageTag Source, LanguageTag Target) Pair);

    /// <summary>Concordance: units holding the phrase on the query's side, best-ranked first; each reports <c>match</c> 1 (it holds the phrase).</summary>
    private static async Task<List<Hit>> ConcordanceAsync(ProtocolCall call, IReadOnlyList<MemoryInfo> memories, (LanguageTag Source, LanguageTag Target) pair,
        string text, int results)
    {
        var hits = new List<Hit>();
        foreach (var memory in memories)
        {
            var side = memory.SourceLanguage.Accepts(pair.Source) ? ConcordanceSide.Source : ConcordanceSide.Target;
            var (page, _) = await DocumentTools.ConcordanceAsync(call.Store, memory.Name, text, side, 0, results - hits.Count, call.Aborted);
            hits.AddRange(page.Select(r => new Hit(new LookupMatch(100, r.Unit, r.Memory), pair)));
            if (hits.Count >= results)
            {
                break;
            }
        }

        return hits;
    }

    /// <summary>The <c>get</c> body. Languages in <c>matches</c> are the memory's tags as oriented to the query.</summary>
    public static void WriteGet(Utf8JsonWriter writer, IReadOnlyList<Hit> hits, IReadOnlyList<MemoryInfo> memories)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("responseData");
        writer.WriteString("translatedText", hits.Count > 0 ? ProtocolLookup.Suggestion(hits[0].Match) : "");
        writer.WritePropertyName("match");
        writer.WriteRawValue(hits.Count > 0 ? Fraction(hits[0].Match.Score) : "0", skipInputValidation: true);
        writer.WriteEndObject();
        writer.WriteString("responseDetails", "");
        writer.WriteNumber("responseStatus", StatusCodes.Status200OK);
        writer.WriteStartArray("matches");
        foreach (var hit in hits)
        {
            var match = hit.Match;
            var unit = match.Unit;
            var memory = memories.FirstOrDefault(m => string.Equals(m.Name, match.Memory, StringComparison.Ordinal));
            var (sourceTag, targetTag) = memory is null ? hit.Pair
                : memory.SourceLanguage.Accepts(hit.Pair.Source) ? (memory.SourceLanguage, memory.TargetLanguage) : (memory.TargetLanguage,
                    memory.SourceLanguage);
            writer.WriteStartObject();
            writer.WriteString("id", unit.Id.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("segment", unit.Source.Text);
            writer.WriteString("translation", ProtocolLookup.Suggestion(match));
            writer.WriteString("source", sourceTag.Value);
            writer.WriteString("target", targetTag.Value);
            // MyMemory's quality is a string; ours is the score, 101 for an in-context match.
            writer.WriteString("quality", match.Score.ToString(CultureInfo.InvariantCulture));
            if (unit.Notes.IsEmpty)
            {
                writer.WriteNull("reference");
            }
            else
            {
                writer.WriteString("reference", unit.Notes[0].Text);
            }

            writer.WriteNumber("usage-count", unit.UsageCount);
            writer.WriteString("subject", "All");
            writer.WriteString("created-by", unit.CreatedBy ?? "");
            writer.WriteString("last-updated-by", unit.ChangedBy ?? unit.CreatedBy ?? "");
            writer.WriteString("create-date", Date(unit.CreatedAt));
            writer.WriteString("last-update-date", Date(unit.ChangedAt ?? unit.CreatedAt));
            writer.WritePropertyName("match");
            writer.WriteRawValue(Fraction(match.Score), skipInputValidation: true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The score as MyMemory's 0–1 fraction (in-context 101 → 1): <c>1</c>, <c>0.85</c>.</summary>
    public static string Fraction(int score) =>
        (Math.Min(score, 100) / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? date) =>
        date is { } value ? value.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture) : NoDate;

    private static async Task SetAsync(ProtocolCall call)
    {
        var (source, target) = LanguagePair.Parse(ProtocolLookup.Required(call.Request, "langpair"));
        var segment = RequiredAlias(call.Request, "seg", "segment");
        var translation = RequiredAlias(call.Request, "tra", "translation");
        var memory = await WriteMemoryAsync(call, source, target);
        var result = await ProtocolWrites.AddAsync(call, memory, source, segment, translation, "seg", "tra");
        await JsonBody.WriteAsync(call.Http.Response, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("responseData", "OK");
            writer.WriteNumber("responseStatus", StatusCodes.Status200OK);
            writer.WriteStartArray("responseDetails");
            writer.WriteNumberValue(result.Id);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Replaces the units holding exactly <c>seg</c>/<c>tra</c> with <c>newseg</c>/<c>newtra</c>.</summary>
    private static async Task UpdateAsync(ProtocolCall call)
    {
        var (source, target) = LanguagePair.Parse(ProtocolLookup.Required(call.Request, "langpair"));
        var segment = RequiredAlias(call.Request, "seg", "segment");
        var translation = RequiredAlias(call.Request, "tra", "translation");
        var newSegment = OptionalAlias(call.Request, "newseg", "newsegment") ?? segment;
        var newTranslation = RequiredAlias(call.Request, "newtra", "newtranslation");
        var memory = await WriteMemoryAsync(call, source, target);
        var units = await FindAsync(call, memory, source, segment, translation);
        var replacement = ProtocolWrites.Unit(call, newSegment, newTranslation, "newseg", "newtra");
        var ids = new List<long>();
        foreach (var unit in units)
        {
            var oriented = PairMemories.Orient(memory, source, replacement);
            var updated = await call.Store.UpdateUnitAsync(memory.Name, unit with
            {
                Source = oriented.Source,
                Target = oriented.Target,
                ChangedBy = replacement.ChangedBy ?? unit.ChangedBy,
                ChangedAt = replacement.ChangedAt,
            }, call.Aborted);
            ids.Add(updated.Id);
        }

        await WriteOkAsync(call, ids);
    }

    private static async Task DeleteAsync(ProtocolCall call)
    {
        var (source, target) = LanguagePair.Parse(ProtocolLookup.Required(call.Request, "langpair"));
        var segment = RequiredAlias(call.Request, "seg", "segment");
        var translation = RequiredAlias(call.Request, "tra", "translation");
        var memory = await WriteMemoryAsync(call, source, target);
        var units = await FindAsync(call, memory, source, segment, translation);
        foreach (var unit in units)
        {
            await call.Store.DeleteUnitAsync(memory.Name, unit.Id, call.Aborted);
        }

        await WriteOkAsync(call, [.. units.Select(u => u.Id)]);
    }

    /// <summary>The stored units (memory orientation) whose two sides are exactly these texts; 404 when none.</summary>
    private static async Task<IReadOnlyList<TranslationUnit>> FindAsync(ProtocolCall call, MemoryInfo memory, LanguageTag source, string segment,
        string translation)
    {
        var forward = memory.SourceLanguage.Accepts(source);
        var other = TextNormalizer.ToNfc(translation);
        var units = (await call.Store.FindExactAsync(memory.Name, forward ? MemorySide.Source : MemorySide.Target, TextNormalizer.ToNfc(segment), call.Aborted))
            .Where(u => string.Equals((forward ? u.Target : u.Source).Text, other, StringComparison.Ordinal))
            .ToList();
        return units.Count > 0
            ? units
            : throw new ProtocolException(StatusCodes.Status404NotFound,
                $"seg, tra: no unit of memory '{memory.Name}' holds this segment with this translation.");
    }

    private static Task WriteOkAsync(ProtocolCall call, IReadOnlyList<long> ids) =>
        JsonBody.WriteAsync(call.Http.Response, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("responseData", "OK");
            writer.WriteNumber("responseStatus", StatusCodes.Status200OK);
            writer.WriteStartArray("responseDetails");
            foreach (var id in ids)
            {
                writer.WriteNumberValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static string RequiredAlias(HttpRequest request, string name, string alias) =>
        OptionalAlias(request, name, alias) ?? throw new ProtocolException(StatusCodes.Status400BadRequest, $"{name}: required.");

    private static string? OptionalAlias(HttpRequest request, string name, string alias) =>
        NullIfEmpty(ProtocolLookup.Parameter(request, name)) ?? NullIfEmpty(ProtocolLookup.Parameter(request, alias));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
