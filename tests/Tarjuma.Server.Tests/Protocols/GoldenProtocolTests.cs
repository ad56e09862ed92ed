using System.Text;

namespace Tarjuma.Server.Tests.Protocols;

/// <summary>
/// Golden files: each <c>Golden/*.case</c> is one request and the exact status, content type and
/// body the protocol must answer (field names, order, number formats, error shapes). A new case is
/// a data edit. Format: the request line (<c>{key:ROLE}</c> in the target is replaced by that key's
/// secret), header lines (<c>Authorization: ROLE</c> sends that key as Bearer), a blank line, an
/// optional request body, then <c>=== STATUS CONTENT-TYPE</c> and the expected body.
/// </summary>
public sealed class GoldenProtocolTests(GoldenProtocolTests.Fixture fixture) : IClassFixture<GoldenProtocolTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ProtocolServer Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Protocols", "Golden"), "*.case").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Response_is_exactly_the_golden_one(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Protocols", "Golden", name + ".case");
        var text = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        var split = text.IndexOf("\n=== ", StringComparison.Ordinal);
        var request = text[..split];
        var expectedHead = text[(split + 5)..text.IndexOf('\n', split + 1)];
        var expectedBody = text[(text.IndexOf('\n', split + 1) + 1)..].TrimEnd('\n');

        var lines = request.Split('\n');
        var requestLine = lines[0].Split(' ', 2);
        var target = Substitute(requestLine[1]);
        using var message = new HttpRequestMessage(new HttpMethod(requestLine[0]), target) { Version = System.Net.HttpVersion.Version11 };
        var index = 1;
        var contentType = "application/json";
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            var header = lines[index][..colon];
            var value = lines[index][(colon + 1)..].Trim();
            if (header == "Authorization")
            {
                message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + fixture.Server.Key(value));
            }
            else if (header == "Content-Type")
            {
                contentType = value;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(header, value);
            }
        }

        var body = string.Join('\n', lines.Skip(index + 1)).Trim('\n');
        if (body.Length > 0)
        {
            message.Content = new StringContent(body, Encoding.UTF8);
            message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var client = fixture.Server.Client();
        using var response = await client.SendAsync(message);
        var actualBody = await response.Content.ReadAsStringAsync();
        var actualHead = $"{(int)response.StatusCode} {response.Content.Headers.ContentType}";
        if (actualHead != expectedHead || actualBody != expectedBody)
        {
            // Beside the test's output, to compare by eye when a change is intended.
            await File.WriteAllTextAsync(Path.ChangeExtension(path, ".actual"), $"{actualHead}\n{actualBody}\n");
        }

        Assert.Equal(System.Net.HttpVersion.Version11, response.Version);
        Assert.Equal(expectedHead, actualHead);
        Assert.Equal(expectedBody, actualBody);
    }

    private string Substitute(string target)
    {
        var builder = new StringBuilder(target);
        foreach (var role in new[] { "admin", "reader", "writer", "laws", "all" })
        {
            builder.Replace($"{{key:{role}}}", fixture.Server.Key(role));
        }

        return builder.ToString();
    }
}
