namespace Tarjuma.CommandLine.Checks;

/// <summary>
/// The rule for memory names, checked before anything is opened or sent, in the engine's words
/// (Tarjuma.Core's <c>MemoryName</c>; <c>ChecksTests</c> holds the two to the same answers).
/// </summary>
internal static class MemoryNames
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>1–100 characters, letters, digits, '.', '-', '_'; not starting with '.' or '-'.</summary>
    public static string Validate(string? name, string field)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw CommandLineException.InvalidArgument(field, "a memory name is required.");
        }

        if (name.Length > MaxLength)
        {
            throw CommandLineException.InvalidArgument(field, $"a memory name has at most {MaxLength} characters.");
        }

        if (name[0] is '.' or '-')
        {
            throw CommandLineException.InvalidArgument(field, $"'{name}' must start with a letter, digit or '_'.");
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                throw CommandLineException.InvalidArgument(field, $"'{name}' may contain only letters, digits, '.', '-' and '_'.");
            }
        }

        return name;
    }
}
