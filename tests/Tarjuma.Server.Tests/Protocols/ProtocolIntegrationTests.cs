using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Tarjuma.Core.Model;

namespace Tarjuma.Server.Tests.Protocols;

/// <summary>Protocol behaviour over real HTTP/1.1 sockets; each test owns its server (they write).</summary>
public sealed class ProtocolIntegrationTests
{
    [Fact]
    public async Task Tmserver_post_and_put_add_units_that_the_next_lookup_finds()
    {
        using var server = new ProtocolServer();
        using var client = server.Client("writer");

        using var post = await client.PostAsync(Unit("Борон меборад."), Json("""{"source": "Борон меборад.", "target": "It is raining."}"""));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("\"memory\":\"news\"", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var put = await client.PutAsync(Unit("Барф меборад."), Json("""{"target": "It is snowing."}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var rain = await client.GetStringAsync(Unit("Борон меборад."));
        Assert.Equal("""[{"source":"Борон меборад.","target":"It is raining.","quality":100.0,"rank":100.0}]""", rain);
        var snow = await client.GetStringAsync(Unit("Барф меборад."));
        Assert.Contains("It is snowing.", snow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tmserver_write_to_a_pair_with_several_writable_memories_must_name_one()
    {
        using var server = new ProtocolServer();
        using var client = server.Client("admin");

        // news (tg→en) and laws (tg-TJ→en-GB) both serve tg↔en for an administrator.
        using var ambiguous = await client.PostAsync(Unit("Борон меборад."), Json("""{"source": "Борон меборад.", "target": "It is raining."}"""));
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Contains("laws, news", await ambiguous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var named = await client.PostAsync(Unit("Борон меборад.") + "?memory=laws", Json("""{"source": "Борон меборад.", "target": "It is raining."}"""));
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Contains("\"memory\":\"laws\"", await named.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("It is raining.", await server.Client("laws").GetStringAsync(Unit("Борон меборад.")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tmserver_write_in_the_reverse_direction_is_stored_in_the_memory_s_direction()
    {
        using var server = new ProtocolServer();
        using var client = server.Client("writer");

        using var post = await client.PostAsync("/tmserver/en/tg/unit/", Json("""{"source": "It is raining.", "target": "Борон меборад."}"""));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        var units = await server.Store.FindExactAsync("news", Core.Model.MemorySide.Source, "Борон меборад.");
        Assert.Equal("It is raining.", Assert.Single(units).Target.Text);
    }

    [Fact]
    public async Task Tmserver_text_over_500_characters_is_cut_as_clients_cut_it()
    {
        using var server = new ProtocolServer();
        var longSource = string.Concat(Enumerable.Repeat("Ҳукумат барномаи навро қабул кард. ", 15))[..500];
        await server.Store.AddUnitsAsync("news", [new Core.Model.TranslationUnit
        {
            Source = Core.Model.SegmentText.Plain(longSource),
            Target = Core.Model.SegmentText.Plain("A long text."),
        }]);
        using var client = server.Client("reader");

        var body = await client.GetStringAsync(Unit(longSource + " Ин қисм аз 500 аломат берун аст ва бурида мешавад."));

        using var json = JsonDocument.Parse(body);
        var best = json.RootElement[0];
        Assert.Equal(longSource, best.GetProperty("source").GetString());
        Assert.Equal("A long text.", best.GetProperty("target").GetString());
        Assert.Contains("\"quality\":100.0", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apy_threshold_is_configurable()
    {
        using var server = new ProtocolServer(new Dictionary<string, string?> { ["Tarjuma:Protocols:ApyMinScore"] = "95" });
        using var client = server.Client();
        var url = $"/apy/translate?q={Uri.EscapeDataString("Нархи нон 7 сомонӣ аст.")}&langpair=tg%7Cen&key={server.Key("reader")}";

        // The match scores 94: under 95 it is no match.
        Assert.Equal("""{"responseData":{"translatedText":""},"responseDetails":null,"responseStatus":200}""", await client.GetStringAsync(url));
    }

    [Fact]
    public async Task Apy_accepts_a_posted_form_as_apy_does()
    {
        using var server = new ProtocolServer();
        using var client = server.Client();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["q"] = "Мактаби нав дар Душанбе кушода шуд.",
            ["langpair"] = "tg|en",
            ["key"] = server.Key("reader"),
        });

        using var response = await client.PostAsync("/apy/translate", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A new school opened in Dushanbe.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mymemory_set_update_and_delete_change_the_memory()
    {
        using var server = new ProtocolServer();
        using var client = server.Client();
        var key = server.Key("writer");
        string Query(string path, params (string Name, string Value)[] parameters) =>
            path + "?" + string.Join('&', parameters.Append(("langpair", "tg|en")).Append(("key",
                key)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));

        var set = await client.GetStringAsync(Query("/mymemory/set", ("seg", "Борон меборад."), ("tra", "It rains.")));
        Assert.Matches("""^\{"responseData":"OK","responseStatus":200,"responseDetails":\[\d+\]\}$""", set);

        var update = await client.GetStringAsync(Query("/mymemory/update", ("seg", "Борон меборад."), ("tra", "It rains."), ("newtra", "It is raining.")));
        Assert.StartsWith("""{"responseData":"OK""", update, StringComparison.Ordinal);
        var get = await client.GetStringAsync(Query("/mymemory/get", ("q", "Борон меборад.")));
        Assert.Contains("\"translatedText\":\"It is raining.\",\"match\":1", get, StringComparison.Ordinal);
        Assert.Contains("\"last-updated-by\":\"writer\"", get, StringComparison.Ordinal);
        Assert.Matches("\"create-date\":\"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\"", get);

        using var delete = await client.GetAsync(Query("/mymemory/delete", ("seg", "Борон меборад."), ("tra", "It is raining.")));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Empty(await server.Store.FindExactAsync("news", Core.Model.MemorySide.Source, "Борон меборад."));
        using var again = await client.GetAsync(Query("/mymemory/delete", ("seg", "Борон меборад."), ("tra", "It is raining.")));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Tmx_feed_has_a_strong_etag_answers_304_and_changes_with_the_memory()
    {
        using var server = new ProtocolServer();
        using var client = server.Client("writer");

        using var first = await client.GetAsync("/tmx/news.tmx");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        var tmx = XDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(4, tmx.Descendants("tu").Count());

        // Same content, same bytes, same tag; 304 with no body on If-None-Match.
        using var second = await client.GetAsync("/tmx/news.tmx");
        Assert.Equal(etag, second.Headers.ETag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/tmx/news.tmx");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var post = await client.PostAsync(Unit("Борон меборад."), Json("""{"source": "Борон меборад.", "target": "It is raining."}"""));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/tmx/news.tmx");
        stale.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(5, XDocument.Parse(await changed.Content.ReadAsStringAsync()).Descendants("tu").Count());
    }

    [Fact]
    public async Task Tmx_feed_takes_the_key_in_the_path_and_answers_head()
    {
        using var server = new ProtocolServer();
        using var client = server.Client();

        using var anonymous = await client.GetAsync("/tmx/news.tmx");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var head = new HttpRequestMessage(HttpMethod.Head, $"/tmx/k/{server.Key("reader")}/news.tmx");
        using var response = await client.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        using var get = await server.Client("reader").GetAsync("/tmx/news.tmx");
        Assert.Equal(get.Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task Tmx_feed_etag_moves_with_deletes_edits_descriptions_and_other_processes_writes_only()
    {
        using var server = new ProtocolServer();
        using var client = server.Client("admin");
        var etag = await CurrentETagAsync(client);

        // Another memory's write: still 304.
        await server.Store.AddUnitsAsync("laws", [new TranslationUnit { Source = SegmentText.Plain("Қонун."), Target = SegmentText.Plain("A law.") }]);
        Assert.Equal(HttpStatusCode.NotModified, await ConditionalStatusAsync(client, etag));

        async Task MovedAsync(Func<Task> change)
        {
            await change();
            Assert.Equal(HttpStatusCode.OK, await ConditionalStatusAsync(client, etag));
            var next = await CurrentETagAsync(client);
            Assert.NotEqual(etag, next);
            Assert.False(next.IsWeak);
            Assert.Equal(HttpStatusCode.NotModified, await ConditionalStatusAsync(client, next));
            etag = next;
        }

        var units = await server.Store.ListUnitsAsync("news", 0, 10);
        await MovedAsync(() => server.Store.DeleteUnitAsync("news", units[0].Id));
        await MovedAsync(() => server.Store.UpdateUnitAsync("news", units[1] with { Target = SegmentText.Plain("Edited.") }));
        await MovedAsync(() => server.Store.UpdateMemoryDescriptionAsync("news", "Edited description."));

        // A write by another process on the same database (the command line with --db): the store under the server's.
        await MovedAsync(() => server.Store.Inner.DeleteUnitAsync("news", units[2].Id));
        Assert.Equal(2, XDocument.Parse(await client.GetStringAsync("/tmx/news.tmx")).Descendants("tu").Count());
    }

    private static async Task<EntityTagHeaderValue> CurrentETagAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/tmx/news.tmx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!;
    }

    private static async Task<HttpStatusCode> ConditionalStatusAsync(HttpClient client, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tmx/news.tmx");
        request.Headers.IfNoneMatch.Add(etag);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Key_over_its_rate_gets_429_with_retry_after()
    {
        using var server = new ProtocolServer(new Dictionary<string, string?>
        {
            ["Tarjuma:Security:RequestsPerSecond"] = "1",
            ["Tarjuma:Security:Burst"] = "1",
        });
        using var client = server.Client("reader");

        // One call a second: two calls within the same second are enough (not timed: we stop at the first refusal).
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 50 && refused is null; attempt++)
        {
            var response = await client.GetAsync("/apy/listPairs");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("\"responseStatus\":429", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        refused.Dispose();
    }

    private static string Unit(string text) => "/tmserver/tg/en/unit/" + Uri.EscapeDataString(text);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
