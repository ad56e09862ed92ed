using Tarjuma.Core.Alignment;


namespace Tarjuma.Alignment.Tests;

public sealed class BeadFormatterTests
{
    private static readonly Bead[] Beads =
    [
        new(0, 1, 0, 2, 0.9876, false),
        new(1, 1, 2, 0, 0.4, true),
        new(2, 2, 2, 1, 0.5, false),
        new(4, 0, 3, 1, 1, true),
    ];

    [Fact]
    public void Links_format_lists_indices_tab_separated_with_empty_side_for_none()
    {
        var links = BeadFormatter.ToLinks(Beads);

        Assert.Equal("0\t0,1\t0.988\n1\t\t0.400\n2,3\t2\t0.500\n\t3\t1.000\n", links);
    }

    [Fact]
    public void Tsv_joins_sentences_and_keeps_one_row_per_bead()
    {
        string[] source = ["Як.", "Ду\tсе.", "Чор.", "Панҷ.", "Шаш."];
        string[] target = ["One.", "Two.", "Three\nfour.", "Five."];

        var rows = BeadFormatter.ToTsv(Beads, source, target).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, rows.Length);
        Assert.Equal("Як.\tOne. Two.\t0.988\t0", rows[0]);
        Assert.Equal("Ду се.\t\t0.400\t1", rows[1]);
        Assert.Equal("Чор. Панҷ.\tThree four.\t0.500\t0", rows[2]);
        Assert.Equal("\tFive.\t1.000\t1", rows[3]);
    }
}
