using Tarjuma.Core.Model;

namespace Tarjuma.Server.Protocols.Shared;

/// <summary>The <c>langpair=tg|en</c> parameter of APy and MyMemory.</summary>
internal static class LanguagePair
{
    public static (LanguageTag Source, LanguageTag Target) Parse(string value, string field = "langpair")
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || bar == value.Length - 1 || value.IndexOf('|', bar + 1) >= 0)
        {
            throw new ProtocolException(StatusCodes.Status400BadRequest, $"{field}: '{value}' is not SOURCE|TARGET (e.g. tg|en).");
        }

        return (LanguageCodes.Fold(value[..bar], field), LanguageCodes.Fold(value[(bar + 1)..], field));
    }
}
