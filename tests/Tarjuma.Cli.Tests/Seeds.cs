namespace Tarjuma.Cli.Tests;

internal static class Seeds
{
    public static string Tmx => Path.Combine(Tarjuma.Tests.SharedData.RepositoryRoot, "seeds", "president-2024-04-30.tmx");

    public const string TajikSentence = "Дар рафти суҳбат маҷмӯи масоили дӯстӣ ва ҳамкориҳои Тоҷикистону Қазоқистон баррасӣ шуд.";

    public const string EnglishSentence =
        "During the conversation, a range of issues of friendship and cooperation between Tajikistan and Kazakhstan was discussed.";

    public const int UnitCount = 15;
}
