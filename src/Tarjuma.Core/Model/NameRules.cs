using System.Globalization;

namespace Tarjuma.Shared;

/// <summary>
/// The rules for memory names and language tags, written once. This file is compiled into the engine (Tarjuma.Core:
/// <c>MemoryName</c>, <c>LanguageTag</c>, <c>MemoryLanguages</c>) and linked into the command line (Tarjuma.CommandLine's
/// <c>Checks</c>, which checks before anything is opened or sent but must not reference the engine, issue #14); each side
/// wraps a problem in its own exception with its own field name. Pure functions: no engine or contract types.
/// </summary>
internal static class NameRules
{
    /// <summary>Longest memory name accepted.</summary>
    public const int MaxMemoryNameLength = 100;

    /// <summary>Longest language tag accepted; RFC 5646 tags in practice stay well below this.</summary>
    public const int MaxTagLength = 64;

    /// <summary>Why <paramref name="name"/> is not a memory name (it appears in URLs, file names and command lines), or null.</summary>
    public static string? MemoryNameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a memory name is required.";
        }

        if (name.Length > MaxMemoryNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a memory name has at most {MaxMemoryNameLength} characters.");
        }

        if (name[0] is '.' or '-')
        {
            return $"'{name}' must start with a letter, digit or '_'.";
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return $"'{name}' may contain only letters, digits, '.', '-' and '_'.";
            }
        }

        return null;
    }

    /// <summary>What a text that is not a language tag is told.</summary>
    public static string NotATag(string? text) => $"'{text}' is not a BCP 47 language tag (e.g. tg, tg-TJ, en-US).";

    /// <summary>
    /// Parses and canonicalises a BCP 47 tag (RFC 5646 §2.1.1: language lower, script title, region upper);
    /// <c>_</c> is accepted as a separator (Java locales).
    /// </summary>
    public static bool TryCanonicalTag(string? text, out string tag)
    {
        tag = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTagLength)
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

    /// <summary>The primary language subtag of a canonical tag, e.g. <c>tg</c> of <c>tg-Cyrl-TJ</c>.</summary>
    public static string PrimaryLanguage(string canonicalTag)
    {
        var dash = canonicalTag.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? canonicalTag : canonicalTag[..dash];
    }

    /// <summary>
    /// Why a canonical tag is not a plain one, or null: a memory's languages are a language of 2–3 letters (RFC 5646 §2.1),
    /// then optionally a 4-letter script, then optionally a region of 2 letters or 3 digits, each at most once.
    /// </summary>
    public static string? PlainTagProblem(string canonicalTag)
    {
        var parts = canonicalTag.Split('-');
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

        return ok && next == parts.Length
            ? null
            : $"'{canonicalTag}' is not a plain BCP 47 tag: a language of 2–3 letters, then optionally a 4-letter script and a region (2 letters or 3 "
                + "digits), each once (e.g. tg, tg-TJ, tg-Cyrl-TJ, en-US).";
    }

    /// <summary>Why a memory may not translate <paramref name="source"/> into <paramref name="target"/> (canonical tags), or null.</summary>
    public static string? SameLanguageProblem(string source, string target) =>
        string.Equals(PrimaryLanguage(source), PrimaryLanguage(target), StringComparison.Ordinal)
            ? $"'{target}' is the same language as the source '{source}'; a memory translates between two languages."
            : null;

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
