using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>Small Tajik–English memories written for the tests.</summary>
internal static class TestMemory
{
    public static readonly LanguageTag TajikLanguage = LanguageTag.Parse("tg", "language");
    public static readonly LanguageTag EnglishLanguage = LanguageTag.Parse("en", "language");

    public static TranslationUnit Unit(long id, string tajik, string english, string? previous = null, string? next = null) =>
        new() { Id = id, Source = SegmentText.Plain(tajik), Target = SegmentText.Plain(english), PreviousSource = previous, NextSource = next };

    public static MemoryIndex Index(MemorySide side, params TranslationUnit[] units)
    {
        var index = new MemoryIndex(TajikLanguage, EnglishLanguage, side);
        foreach (var unit in units)
        {
            index.Add(unit);
        }

        return index;
    }

    public static MemoryIndex Tajik(params TranslationUnit[] units) => Index(MemorySide.Source, units);

    /// <summary>Sentences of several shapes so that candidates compete.</summary>
    public static TranslationUnit[] News() =>
    [
        Unit(1, "Мактаб дар деҳаи мо нав сохта шуд.", "The school in our village was newly built."),
        Unit(2, "Соли 2023 дар шаҳр се мактаб сохта шуд.", "In 2023 three schools were built in the city."),
        Unit(3, "Даромади ширкат 1,2 млрд. сомонӣ шуд.", "The company's revenue was 1.2 billion somoni."),
        Unit(4, "Президент ба Душанбе омад.", "The president came to Dushanbe."),
        Unit(5, "Имрӯз ҳаво гарм аст.", "The weather is warm today."),
        Unit(6, "Ҷаласа санаи 30.04.2024 баргузор мешавад.", "The meeting takes place on 30.04.2024."),
        Unit(7, "Маълумоти бештар дар https://example.tj/news ҷойгир аст.", "More information is at https://example.tj/news."),
        Unit(8, "Ташкилоти Милали Муттаҳид ҳисобот нашр кард.", "The United Nations published a report."),
        Unit(9, "Эмомалӣ Раҳмон ба сафари корӣ рафт.", "Emomali Rahmon went on a working visit."),
    ];
}
