namespace Tarjuma.Server.Http;

/// <summary>
/// Browser pages allowed to call the server from another origin (REST, gRPC-Web, the CAT-tool protocols), section
/// <c>Tarjuma:Cors</c>. Default none: no CORS headers are sent and browsers keep pages of other origins out.
/// </summary>
internal static class CorsSettings
{
    public const string Section = "Tarjuma:Cors";

    /// <summary>The setting's full name, for messages.</summary>
    public const string OriginsKey = Section + ":Origins";

    /// <summary>
    /// The allowed origins from <c>Tarjuma:Cors:Origins</c>: a list (<c>Origins:0</c>, <c>Origins:1</c>, a JSON array) or one
    /// comma-separated string (<c>TARJUMA__CORS__ORIGINS=https://a.example,https://b.example</c>). Each is
    /// <c>scheme://host[:port]</c> (RFC 6454: no path, query or trailing slash), or <c>*</c> for any origin.
    /// </summary>
    /// <exception cref="InvalidOperationException">An entry that is not an origin, naming the setting and the entry.</exception>
    public static IReadOnlyList<string> Origins(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section).GetSection("Origins");
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "").ToArray();
        var origins = new List<string>();
        foreach (var entry in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (entry == "*")
            {
                origins.Add(entry);
                continue;
            }

            if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/"
                || entry.EndsWith('/') || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw new InvalidOperationException(
                    $"{OriginsKey}: '{entry}' is not an origin; write scheme://host[:port] with no path or trailing slash (e.g. https://tm.example.org), "
                        + $"or *.");
            }

            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return origins;
    }
}
