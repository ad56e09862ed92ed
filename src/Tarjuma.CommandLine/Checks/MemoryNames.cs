using Tarjuma.Shared;

namespace Tarjuma.CommandLine.Checks;

/// <summary>
/// The rule for memory names, checked before anything is opened or sent: the engine's own rule (<see cref="NameRules"/>,
/// the one source file both compile), refused as the command line's error.
/// </summary>
internal static class MemoryNames
{
    /// <summary>1–100 characters, letters, digits, '.', '-', '_'; not starting with '.' or '-'.</summary>
    public static string Validate(string? name, string field) =>
        NameRules.MemoryNameProblem(name) is { } problem ? throw CommandLineException.InvalidArgument(field, problem) : name!;
}
