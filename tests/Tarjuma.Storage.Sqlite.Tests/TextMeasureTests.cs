using Tarjuma.Storage.Common.Statistics;

namespace Tarjuma.Storage.Sqlite.Tests;

public sealed class TextMeasureTests
{
    /// <summary>Cases from <c>Cases/text-measure.tsv</c>: text, words, characters.</summary>
    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", "text-measure.tsv")))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            data.Add(fields[0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[2],
                System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Words_and_characters_are_counted(string text, int words, int characters)
    {
        Assert.Equal(words, TextMeasure.CountWords(text));
        Assert.Equal(characters, TextMeasure.CountCharacters(text));
    }
}
