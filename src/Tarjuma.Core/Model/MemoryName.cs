using Tarjuma.Shared;

namespace Tarjuma.Core.Model;

/// <summary>Rules for memory names: they appear in URLs, file names and command lines.</summary>
public static class MemoryName
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxLength = NameRules.MaxMemoryNameLength;

    /// <summary>Validates a name: 1–100 characters, letters, digits, '.', '-', '_'; not starting with '.' or '-'.</summary>
    public static string Validate(string? name, string field = "memory") =>
        NameRules.MemoryNameProblem(name) is { } problem ? throw TarjumaException.InvalidArgument(field, problem) : name!;
}
