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
        .Replace("<macron>", "\u0304", StringComparison.Ordinal)
        .Replace("<thin>", "\u2009", StringComparison.Ordinal)
        .Replace("<wj>", "\u2060", StringComparison.Ordinal)
        .Replace("<shy>", "\u00AD", StringComparison.Ordinal)
        .Replace("<zwsp>", "\u200B", StringComparison.Ordinal);

    /// <summary>The names of <see cref="Unescape"/> put back, so that a rendered token can be compared with the data file.</summary>
    public static string Escape(string text) => text
        .Replace("\u00A0", "<nbsp>", StringComparison.Ordinal)
        .Replace("\u202F", "<nnbsp>", StringComparison.Ordinal)
        .Replace("\u0304", "<macron>", StringComparison.Ordinal)
        .Replace("\u2009", "<thin>", StringComparison.Ordinal)
        .Replace("\u2060", "<wj>", StringComparison.Ordinal)
        .Replace("\u00AD", "<shy>", StringComparison.Ordinal)
        .Replace("\u200B", "<zwsp>", StringComparison.Ordinal);

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
