using Tarjuma.Shared;

namespace Tarjuma.CommandLine.Checks;

/// <summary>
/// BCP 47 tags as the command line reads them: the engine's own rules (<see cref="NameRules"/>, the one source file both
/// compile; canonical case, <c>_</c> accepted as a separator), refused as the command line's errors.
/// </summary>
internal static class LanguageTags
{
    /// <summary>The canonical tag, or throws naming <paramref name="field"/>.</summary>
    public static string Canonical(string? text, string field) => TryCanonical(text, out var tag)
        ? tag
        : throw CommandLineException.InvalidArgument(field, NameRules.NotATag(text));

    /// <summary>The canonical tag, or null when <paramref name="text"/> is null.</summary>
    public static string? CanonicalOrNull(string? text, string field) => text is null ? null : Canonical(text, field);

    public static bool TryCanonical(string? text, out string tag) => NameRules.TryCanonicalTag(text, out tag);

    /// <summary>The languages a new memory may have (canonical tags): each a plain tag, and two different languages.</summary>
    public static void CheckMemoryPair(string source, string target)
    {
        if (NameRules.PlainTagProblem(source) is { } sourceProblem)
        {
            throw CommandLineException.InvalidArgument("source_language", sourceProblem);
        }

        if (NameRules.PlainTagProblem(target) is { } targetProblem)
        {
            throw CommandLineException.InvalidArgument("target_language", targetProblem);
        }

        if (NameRules.SameLanguageProblem(source, target) is { } problem)
        {
            throw CommandLineException.InvalidArgument("target_language", problem);
        }
    }
}
