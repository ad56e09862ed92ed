using System.Globalization;

namespace Tarjuma.CommandLine.Checks;

/// <summary>
/// BCP 47 tags as the command line reads them, in the engine's words (Tarjuma.Core's <c>LanguageTag</c> and
/// <c>MemoryLanguages</c>; <c>ChecksTests</c> holds them to the same answers): canonical case (RFC 5646 §2.1.1:
/// language lower, script title, region upper), <c>_</c> accepted as a separator (Java locales).
/// </summary>
internal static class LanguageTags
{
    /// <summary>Longest tag accepted; RFC 5646 tags in practice stay well below this.</summary>
    public const int MaxLength = 64;

    /// <summary>The canonical tag, or throws naming <paramref name="field"/>.</summary>
    public static string Canonical(string? text, string field) => TryCanonical(text, out var tag)
        ? tag
        : throw CommandLineException.InvalidArgument(field, $"'{text}' is not a BCP 47 language tag (e.g. tg, tg-TJ, en-US).");

    /// <summary>The canonical tag, or null when <paramref name="text"/> is null.</summary>
    public static string? CanonicalOrNull(string? text, string field) => text is null ? null : Canonical(text, field);

    public static bool TryCanonical(string? text, out string tag)
    {
        tag = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }

        var parts = text.Trim().Replace('_', '-').Split('-');
        var canonical = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 8 || !part.All(char.IsAsciiLetterOrDigit))
            {
                return false;
            }

            if (i == 0)
            {
                if (part.Length < 2 || !part.All(char.IsAsciiLetter))
                {
                    return false;
                }

                canonical[i] = part.ToLowerInvariant();
            }
            else if (part.Length == 4 && part.All(char.IsAsciiLetter) && !IsAfterSingleton(parts, i))
            {
                canonical[i] = char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant();
            }
            else if ((part.Length == 2 && part.All(char.IsAsciiLetter)) || (part.Length == 3 && part.All(char.IsAsciiDigit)))
            {
                canonical[i] = IsAfterSingleton(parts, i) ? part.ToLowerInvariant() : part.ToUpperInvariant();
            }
            else
            {
                canonical[i] = part.ToLowerInvariant();
            }
        }

        tag = string.Join('-', canonical);
        return true;
    }

    /// <summary>
    /// The languages a new memory may have (canonical tags): each a plain tag (a language of 2–3 letters, then
    /// optionally a 4-letter script and a region of 2 letters or 3 digits, each once), and two different languages.
    /// </summary>
    public static void CheckMemoryPair(string source, string target)
    {
        RequirePlain(source, "source_language");
        RequirePlain(target, "target_language");
        if (string.Equals(Primary(source), Primary(target), StringComparison.Ordinal))
        {
            throw CommandLineException.InvalidArgument(
                "target_language",
                $"'{target}' is the same language as the source '{source}'; a memory translates between two languages.");
        }
    }

    private static string Primary(string tag) => tag.Split('-')[0];

    private static void RequirePlain(string tag, string field)
    {
        var parts = tag.Split('-');
        var next = 1;
        var ok = parts[0].Length is 2 or 3;
        if (ok && next < parts.Length && parts[next].Length == 4 && parts[next].All(char.IsAsciiLetter))
        {
            next++;
        }

        if (ok && next < parts.Length && IsRegion(parts[next]))
        {
            next++;
        }

        if (!ok || next != parts.Length)
        {
            throw CommandLineException.InvalidArgument(
                field,
                string.Create(CultureInfo.InvariantCulture,
                    $"'{tag}' is not a plain BCP 47 tag: a language of 2–3 letters, then optionally a 4-letter script and a region (2 letters or 3 "
                        + $"digits), each once (e.g. tg, tg-TJ, tg-Cyrl-TJ, en-US)."));
        }
    }

    private static bool IsRegion(string part) =>
        (part.Length == 2 && part.All(char.IsAsciiLetter)) || (part.Length == 3 && part.All(char.IsAsciiDigit));

    private static bool IsAfterSingleton(string[] parts, int index)
    {
        for (var i = 1; i < index; i++)
        {
            if (parts[i].Length == 1)
            {
                return true;
            }
        }

        return false;
    }
}
