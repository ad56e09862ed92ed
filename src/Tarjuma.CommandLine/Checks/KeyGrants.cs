namespace Tarjuma.CommandLine.Checks;

/// <summary>
/// A key's grant as typed (<c>MEMORY:read</c>, <c>MEMORY:write</c>, <c>*</c> for every memory), checked in the
/// engine's words (Tarjuma.Core's <c>KeyGrant.Parse</c>; <c>ChecksTests</c> holds the two to the same answers).
/// </summary>
internal static class KeyGrants
{
    /// <summary>The grant as the contract spells it (<c>ApiKeyInfo.grants</c>).</summary>
    public static string Validate(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            throw CommandLineException.InvalidArgument(field, $"'{text}' is not MEMORY:read or MEMORY:write.");
        }

        var memory = text[..colon];
        var access = text[(colon + 1)..];
        if (access is not ("read" or "write"))
        {
            throw CommandLineException.InvalidArgument(field, $"'{text}': the access is 'read' or 'write'.");
        }

        return $"{(memory == "*" ? memory : MemoryNames.Validate(memory, field))}:{access}";
    }
}
