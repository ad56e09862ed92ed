using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tarjuma.Server.Tests;

/// <summary>
/// The REST mapping end to end on the real server (test host): memories, units, lookup,
/// concordance and segmentation in proto3 JSON, and gRPC errors as HTTP statuses with a JSON body
/// that keeps the message naming the field.
/// </summary>
public sealed class RestApiTests : IDisposable
{
    private readonly TarjumaApplication _app = new();
    private readonly HttpClient _http;

    public RestApiTests() => _http = _app.CreateClient();

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task<JsonNode> OkAsync(HttpMethod method, string path, object? body = null)
    {
        var (status, json) = await SendAsync(method, path, body);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {(int)status} {json?.ToJsonString()}");
        return json ?? new JsonObject();
    }

    private Task<JsonNode> CreateNewsAsync() =>
        OkAsync(HttpMethod.Post, "/v1/memories", new { name = "news", sourceLanguage = "tg", targetLanguage = "en", description = "Хабарҳо" });

    private async Task<long> AddUnitAsync(string source, string target)
    {
        var added = await OkAsync(HttpMethod.Post, "/v1/memories/news/units", new { source = new { text = source }, target = new { text = target } });
        Assert.Equal("WRITE_OUTCOME_ADDED", added["outcome"]!.GetValue<string>());
        return long.Parse(added["id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Memories_are_created_read_listed_updated_and_deleted()
    {
        var created = await OkAsync(HttpMethod.Post, "/v1/memories", new { name = "news", sourceLanguage = "tg-tj", targetLanguage = "EN" });
        Assert.Equal("tg-TJ", created["sourceLanguage"]!.GetValue<string>());

        var listed = await OkAsync(HttpMethod.Get, "/v1/memories");
        Assert.Equal("news", Assert.Single(listed["memories"]!.AsArray())!["name"]!.GetValue<string>());

        var updated = await OkAsync(HttpMethod.Patch, "/v1/memories/news", new { description = "Хабарҳо" });
        Assert.Equal("Хабарҳо", updated["description"]!.GetValue<string>());
        Assert.Equal("Хабарҳо", (await OkAsync(HttpMethod.Get, "/v1/memories/news"))["description"]!.GetValue<string>());
        Assert.Equal("news", (await OkAsync(HttpMethod.Get, "/v1/memories/news/statistics"))["name"]!.GetValue<string>());

        await OkAsync(HttpMethod.Delete, "/v1/memories/news");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/v1/memories/news")).Status);
    }

    [Fact]
    public async Task Units_are_added_read_updated_listed_and_deleted()
    {
        await CreateNewsAsync();
        var id = await AddUnitAsync("Ватани азизӣ мо.", "Our dear homeland.");

        var unit = await OkAsync(HttpMethod.Get, $"/v1/memories/news/units/{id}");
        Assert.Equal("Our dear homeland.", unit["target"]!["text"]!.GetValue<string>());

        var changed = await OkAsync(HttpMethod.Patch, $"/v1/memories/news/units/{id}?user=editor", new
        {
            source = new { text = "Ватани азизӣ мо." },
            target = new { text = "Our beloved homeland." }
        });
        Assert.Equal("Our beloved homeland.", changed["target"]!["text"]!.GetValue<string>());
        Assert.Equal("editor", changed["changedBy"]!.GetValue<string>());

        await AddUnitAsync("Офтоб баромад.", "The sun rose.");
        var page = await OkAsync(HttpMethod.Get, "/v1/memories/news/units?pageSize=1");
        Assert.Single(page["units"]!.AsArray());
        var token = page["nextPageToken"]!.GetValue<string>();
        Assert.NotEmpty(token);
        var last = await OkAsync(HttpMethod.Get, $"/v1/memories/news/units?pageSize=1&pageToken={Uri.EscapeDataString(token)}");
        Assert.Equal("The sun rose.", Assert.Single(last["units"]!.AsArray())!["target"]!["text"]!.GetValue<string>());

        await OkAsync(HttpMethod.Delete, $"/v1/memories/news/units/{id}");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/v1/memories/news/units/{id}")).Status);
    }

    [Fact]
    public async Task Lookup_returns_the_match_with_its_score_and_suggestion()
    {
        await CreateNewsAsync();
        await AddUnitAsync(Seeds.FirstTajikSentence, Seeds.FirstEnglishSentence);

        var found = await OkAsync(HttpMethod.Post, "/v1/memories/news:lookup", new { text = Seeds.FirstTajikSentence, maxResults = 3 });

        var match = Assert.Single(found["matches"]!.AsArray())!;
        Assert.Equal(100, match["score"]!.GetValue<int>());
        Assert.Equal(Seeds.FirstEnglishSentence, match["suggestion"]!["text"]!.GetValue<string>());
        Assert.Equal("news", match["memory"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concordance_finds_a_word_with_its_ranges()
    {
        await CreateNewsAsync();
        await AddUnitAsync("Ватани азизӣ мо.", "Our dear homeland.");

        var found = await OkAsync(HttpMethod.Post, "/v1/memories/news:concordance", new { query = "homeland", side = "SIDE_TARGET" });

        var hit = Assert.Single(found["hits"]!.AsArray())!;
        var range = Assert.Single(hit["targetRanges"]!.AsArray())!;
        Assert.Equal("Our dear ".Length, range["start"]!.GetValue<int>());
        Assert.Equal("homeland".Length, range["length"]!.GetValue<int>());
    }

    [Fact]
    public async Task Text_is_segmented_with_utf16_offsets()
    {
        var segmented = await OkAsync(HttpMethod.Post, "/v1/text:segment", new { text = "Як. Ду.", language = "tg" });

        var segments = segmented["segments"]!.AsArray();
        Assert.Equal(["Як.", "Ду."], segments.Select(s => s!["text"]!.GetValue<string>()));
        Assert.Equal(4, segments[1]!["start"]!.GetValue<int>());
    }

    [Fact]
    public async Task Segmenting_by_a_memorys_rules_binds_the_memory_from_the_path()
    {
        await CreateNewsAsync();

        var segmented = await OkAsync(HttpMethod.Post, "/v1/memories/news:segment", new { text = "Як. Ду." });
        Assert.Equal(2, segmented["segments"]!.AsArray().Count);

        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/memories/absent:segment", new { text = "Як. Ду." });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("absent", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_argument_is_400_with_the_message_naming_the_field()
    {
        await CreateNewsAsync();

        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/memories/news:lookup", new { text = "Салом.", maxResults = 500 });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, body!["code"]!.GetValue<int>());
        Assert.StartsWith("max_results", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_memory_is_404_and_a_taken_name_409()
    {
        var (missing, body) = await SendAsync(HttpMethod.Post, "/v1/memories/absent:lookup", new { text = "Салом." });
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Contains("absent", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        await CreateNewsAsync();
        var (taken, _) = await SendAsync(HttpMethod.Post, "/v1/memories", new { name = "news", sourceLanguage = "tg", targetLanguage = "en" });
        Assert.Equal(HttpStatusCode.Conflict, taken);
    }

    [Fact]
    public async Task Malformed_json_is_400_saying_where()
    {
        await CreateNewsAsync();
        using var content = new StringContent("{\"text\": \"Салом.\",\n \"maxResults\": 3,,}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("/v1/memories/news:lookup", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, body.RootElement.GetProperty("code").GetInt32());
        var message = body.RootElement.GetProperty("message").GetString()!;
        Assert.StartsWith("body: ", message, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 1", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/memories/news:lookup", """{"text": "Салом.", "maxResults": "many"}""", "max_results",
        "expected a JSON number (an integer), not the string \"many\"")]
    [InlineData("/v1/memories/news:lookup", """{"text": "Салом.", "maxResults": "3"}""", "max_results",
        "expected a JSON number (an integer), not the string \"3\"")]
    [InlineData("/v1/memories/news:lookup", """{"text": "Салом.", "moreMemories": null}""", "more_memories", "expected an array, not null")]
    [InlineData("/v1/memories/news:lookup", """{"text": 5}""", "text", "expected a string, not the number 5")]
    [InlineData("/v1/memories/news:lookup", """{"text": "Салом.", "more_memories": {"name": "x"}}""", "more_memories", "expected an array")]
    [InlineData("/v1/memories/news:lookup", """{"text": "Салом.", "moreMemories": [{"name": "laws", "penalty": true}]}""", "more_memories[0].penalty",
        "expected a JSON number (an integer), not the boolean true")]
    [InlineData("/v1/memories/news/units", """{"source": {"text": ["Салом."]}, "target": {"text": "Hello."}}""", "unit.source.text",
        "expected a string, not an array")]
    public async Task A_field_of_the_wrong_type_is_400_naming_the_field(string path, string json, string field, string description)
    {
        await CreateNewsAsync();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, body.RootElement.GetProperty("code").GetInt32());
        Assert.StartsWith($"{field}: {description}", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        var violation = body.RootElement.GetProperty("details")[0].GetProperty("fieldViolations")[0];
        Assert.Equal(field, violation.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("""{"text": "Ватани азизӣ мо.", "maxResults": 3}""")]
    [InlineData("""{"text": "Ватани азизӣ мо.", "language": null}""")]
    [InlineData("""{"text": "Ватани азизӣ мо.", "misspelt": [1]}""")]
    [InlineData("""{"text": "Ватани азизӣ мо.", "max_results": 3, "moreMemories": []}""")]
    public async Task Values_the_proto3_json_mapping_allows_pass_the_type_check(string json)
    {
        await CreateNewsAsync();
        await AddUnitAsync("Ватани азизӣ мо.", "Our dear homeland.");

        // Null for a singular field, an unknown field, the proto name: all JSON that the transcoder reads.
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("/v1/memories/news:lookup", UriKind.Relative), content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains("Our dear homeland.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wellformed_body_is_read_after_the_check()
    {
        await CreateNewsAsync();
        await AddUnitAsync("Ватани азизӣ мо.", "Our dear homeland.");
        using var content = new StringContent("{\"text\": \"Ватани азизӣ мо.\"}", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync(new Uri("/v1/memories/news:lookup", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Our dear homeland.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
