namespace Tarjuma.Core.Model;

/// <summary>Rules for memory names: they appear in URLs, file names and command lines.</summary>
public static class MemoryName
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>Validates a name: 1–100 characters, letters, digits, '.', '-', '_'; not starting with '.' or '-'.</summary>
    public static string Validate(string? name, string field = "memory")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw TarjumaException.InvalidArgument(field, "a memory name is required.");
        }

        if (name.Length > MaxLength)
        {
            throw TarjumaException.InvalidArgument(field, $"a memory name has at most {MaxLength} characters.");
        }

        if (name[0] is '.' or '-')
        {
            throw TarjumaException.InvalidArgument(field, $"'{name}' must start with a letter, digit or '_'.");
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                throw TarjumaException.InvalidArgument(field, $"'{name}' may contain only letters, digits, '.', '-' and '_'.");
            }
        }

        return name;
    }
}
