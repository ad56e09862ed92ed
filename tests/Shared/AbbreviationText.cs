namespace Tarjuma.Tests;

/// <summary>
/// Our own Tajik sentences for the learned-abbreviation tests of the server and the command line:
/// "мас." (масалан, "for example") is not in the built-in list.
/// </summary>
internal static class AbbreviationText
{
    /// <summary>The example; the built-in rules cut it after "мас.".</summary>
    public const string Example = "Баъзе кишварҳои ҳамсоя, мас. Ӯзбекистон ва Қирғизистон, ба созишнома ҳамроҳ шуданд.";

    /// <summary>A memory's sources: "мас." before a name and lower-case words, three times over.</summary>
    public static IReadOnlyList<string> DomainSources { get; } =
    [
        "Кишварҳои ҳамсоя, мас. Ӯзбекистон, дар ҷаласа ширкат доштанд.",
        "Баъзе соҳаҳо, мас. кишоварзӣ ва сохтмон, зуд рушд карданд.",
        "Нархҳо, мас. нархи нон, боло рафтанд.",
        "Ӯзбекистон ҳамсояи мо аст.",
    ];
}
