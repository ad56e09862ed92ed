using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;

namespace Tarjuma.Storage.Contract;

/// <summary>Sentences and builders the contract tests share. The sentences are our own.</summary>
public static class ContractData
{
    public static LanguageTag Tajik { get; } = LanguageTag.Parse("tg", "source");

    public static LanguageTag English { get; } = LanguageTag.Parse("en", "target");

    /// <summary>Tajik–English pairs, all distinct in both sides.</summary>
    public static ImmutableArray<(string Source, string Target)> Pairs { get; } =
    [
        ("Салом, дунё!", "Hello, world!"),
        ("Китоб дар рӯи миз аст.", "The book is on the table."),
        ("Ман ба мактаб меравам.", "I am going to school."),
        ("Имрӯз ҳаво гарм аст.", "The weather is warm today."),
        ("Шумо чӣ ном доред?", "What is your name?"),
        ("Дӯсти ман дар Душанбе зиндагӣ мекунад.", "My friend lives in Dushanbe."),
        ("Лутфан, дарро пӯшед.", "Please close the door."),
        ("Нархи ин себ чанд аст?", "How much is this apple?"),
    ];

    public static NewMemory Memory(string name = "tg-en") => new(name, Tajik, English);

    public static TranslationUnit Unit(string source, string target) => new()
    {
        Source = SegmentText.Plain(source),
        Target = SegmentText.Plain(target),
    };

    /// <summary>The <paramref name="index"/>-th generated pair, distinct for every index.</summary>
    public static TranslationUnit Numbered(int index) =>
        Unit($"Ҷумлаи рақами {index} дар файл.", $"Sentence number {index} in the file.");

    public static DateTimeOffset Date(int year, int month, int day) => new(year, month, day, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Yields the items asynchronously, as a file reader would.</summary>
    public static async IAsyncEnumerable<ImportItem> Stream(IEnumerable<ImportItem> items, [EnumeratorCancellation] CancellationToken cancellationToken =
        default)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    /// <summary>Yields <paramref name="count"/> items, then runs <paramref name="then"/> (which throws or cancels) and goes on.</summary>
    public static async IAsyncEnumerable<ImportItem> StreamThen(IEnumerable<ImportItem> items, int count, Action then)
    {
        var yielded = 0;
        foreach (var item in items)
        {
            if (yielded == count)
            {
                then();
            }

            await Task.Yield();
            yielded++;
            yield return item;
        }
    }

    public static IEnumerable<ImportItem> NumberedItems(int count, int first = 0) =>
        Enumerable.Range(first, count).Select(i => ImportItem.Accept(Numbered(i)));
}
