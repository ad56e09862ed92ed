namespace Tarjuma.Server.Tests;

/// <summary>The seed files in the repository's <c>seeds/</c> folder.</summary>
internal static class Seeds
{
    public static string Tmx => Path.Combine(Tarjuma.Tests.SharedData.RepositoryRoot, "seeds", "president-2024-04-30.tmx");

    /// <summary>The first sentence of the seed pair, Tajik and English.</summary>
    public const string FirstTajikSentence = "Дар рафти суҳбат маҷмӯи масоили дӯстӣ ва ҳамкориҳои Тоҷикистону Қазоқистон баррасӣ шуд.";

    public const string FirstEnglishSentence =
        "During the conversation, a range of issues of friendship and cooperation between Tajikistan and Kazakhstan was discussed.";

    /// <summary>Units in the seed TMX.</summary>
    public const int UnitCount = 15;
}
