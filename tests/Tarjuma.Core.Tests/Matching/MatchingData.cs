namespace Tarjuma.Core.Tests.Matching;

/// <summary>Golden cases of the matching tests, read from <c>Data/Matching/*.tsv</c> (tab-separated, # comments).</summary>
internal static class MatchingData
{
    public static TheoryData<string, string, string> Three(string file) => Load<TheoryData<string, string, string>>(file, 3, (d, f) => d.Add(f[0], f[1], f[2]));

    public static IEnumerable<string[]> Rows(string file, int columns)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "Matching", file);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < columns)
            {
                throw new InvalidDataException($"{file}: expected {columns} columns in '{line}'.");
            }

            yield return fields.Select(Unescape).ToArray();
        }
    }

    /// <summary>Invisible characters are written as names in the data files.</summary>
    public static string Unescape(string text) => text
        .Replace("<nbsp>", "\u00A0", StringComparison.Ordinal)
        .Replace("<nnbsp>", "\u202F", StringComparison.Ordinal)
        .Replace("<macron>", "\u0304", StringComparison.Ordinal);

    private static T Load<T>(string file, int columns, Action<T, string[]> add)
        where T : new()
    {
        var data = new T();
        foreach (var fields in Rows(file, columns))
        {
            add(data, fields);
        }

        return data;
    }
}
