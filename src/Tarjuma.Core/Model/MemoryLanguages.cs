using System.Globalization;

namespace Tarjuma.Core.Model;

/// <summary>
/// The languages a new memory may have: each a plain BCP 47 tag (RFC 5646 §2.1: language of 2–3
/// letters, then optionally a 4-letter script, then optionally a region of 2 letters or 3 digits,
/// each at most once), and two different languages. Stored memories are not re-checked: an older
/// database may hold a tg → tg memory, which still reads and exports.
/// </summary>
public static class MemoryLanguages
{
    /// <summary>Throws InvalidArgument naming <c>source_language</c> or <c>target_language</c>.</summary>
    public static void Validate(LanguageTag source, LanguageTag target)
    {
        RequirePlain(source, "source_language");
        RequirePlain(target, "target_language");
        if (string.Equals(source.Language, target.Language, StringComparison.Ordinal))
        {
            throw TarjumaException.InvalidArgument(
                "target_language",
                $"'{target}' is the same language as the source '{source}'; a memory translates between two languages.");
        }
    }

    private static void RequirePlain(LanguageTag tag, string field)
    {
        if (tag.Value is null)
        {
            throw TarjumaException.InvalidArgument(field, "a language is required.");
        }

        var parts = tag.Value.Split('-');
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
            throw TarjumaException.InvalidArgument(
                field,
                string.Create(CultureInfo.InvariantCulture,
                    $"'{tag}' is not a plain BCP 47 tag: a language of 2–3 letters, then optionally a 4-letter script and a region (2 letters or 3 "
                        + $"digits), each once (e.g. tg, tg-TJ, tg-Cyrl-TJ, en-US)."));
        }
    }

    private static bool IsRegion(string part) =>
        (part.Length == 2 && part.All(char.IsAsciiLetter)) || (part.Length == 3 && part.All(char.IsAsciiDigit));
}
