namespace Tarjuma.Alignment.Tests;

/// <summary>Golden cases from the tab-separated files in <c>Data/</c> (lines starting with # are comments).</summary>
internal static class TestData
{
    public static TheoryData<string, string, string> ThreeColumns(string file)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            data.Add(cells[0], cells[1], cells[2]);
        }

        return data;
    }
}
