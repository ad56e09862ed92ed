using Tarjuma.Shared;

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
        if (NameRules.SameLanguageProblem(source.Value, target.Value) is { } problem)
        {
            throw TarjumaException.InvalidArgument("target_language", problem);
        }
    }

    private static void RequirePlain(LanguageTag tag, string field)
    {
        if (tag.Value is null)
        {
            throw TarjumaException.InvalidArgument(field, "a language is required.");
        }

        if (NameRules.PlainTagProblem(tag.Value) is { } problem)
        {
            throw TarjumaException.InvalidArgument(field, problem);
        }
    }
}
