using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;

namespace Tarjuma.Server.Protocols.Shared;

/// <summary>One lookup over the memories of a pair, through the engine's one lookup flow (<see cref="MemoryLookup"/>).</summary>
internal static class ProtocolLookup
{
    /// <summary>Clients of the Translate Toolkit protocol cut text at 500 characters; so do we, so a long segment matches alike.</summary>
    public const int MaxQueryLength = 500;

    /// <summary>Matches best first; none when <paramref name="memories"/> is empty.</summary>
    public static async Task<IReadOnlyList<LookupMatch>> LookupAsync(
        IndexedMemoryStore store, IReadOnlyList<MemoryInfo> memories, LanguageTag language, string text, int minScore, int maxResults,
        CancellationToken cancellationToken, string? previousText = null, string? nextText = null)
    {
        if (memories.Count == 0 || text.Length == 0)
        {
            return [];
        }

        var query = new LookupQuery(memories[0].Name, text, language, minScore, maxResults)
        {
            PreviousText = previousText,
            NextText = nextText,
            MoreMemories = [.. memories.Skip(1).Select(m => new MemoryPenalty(m.Name, 0))],
        };
        return await MemoryLookup.LookupAsync(store, query, cancellationToken);
    }

    /// <summary>The first <see cref="MaxQueryLength"/> characters, never splitting a surrogate pair.</summary>
    public static string Cut(string text)
    {
        if (text.Length <= MaxQueryLength)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[MaxQueryLength - 1]) ? MaxQueryLength - 1 : MaxQueryLength;
        return text[..length];
    }

    /// <summary>The suggestion in plain text: the target with the query's placeables carried over.</summary>
    public static string Suggestion(LookupMatch match) => (match.Suggestion ?? match.Unit.Target).Text;

    /// <summary>An integer query parameter in a range, or the default when absent; 400 naming the parameter otherwise.</summary>
    public static int IntParameter(HttpRequest request, string name, int min, int max, int fallback)
    {
        var value = Parameter(request, name);
        if (value.Length == 0)
        {
            return fallback;
        }

        // Some clients send a float (min_similarity=75.0).
        if (!double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || double.IsNaN(number) || number < min || number > max)
        {
            throw new ProtocolException(StatusCodes.Status400BadRequest, $"{name}: '{value}' is not a number from {min} to {max}.");
        }

        return (int)Math.Round(number, MidpointRounding.AwayFromZero);
    }

    /// <summary>A parameter from the query string, else from a form body (APy and MyMemory clients may POST a form); empty when absent.</summary>
    public static string Parameter(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0 && request.HasFormContentType ? request.Form[name].ToString() : value;
    }

    /// <summary>A required parameter; 400 naming it when absent or empty.</summary>
    public static string Required(HttpRequest request, string name)
    {
        var value = Parameter(request, name);
        return value.Length > 0 ? value : throw new ProtocolException(StatusCodes.Status400BadRequest, $"{name}: required.");
    }
}
