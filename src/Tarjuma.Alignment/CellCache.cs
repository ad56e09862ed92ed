namespace Tarjuma.Alignment;

/// <summary>
/// <see cref="CellStats"/> for every sentence pair a bead inside the band can touch, computed once:
/// row <c>s</c> covers targets from <see cref="Band.Low"/>(s+1) − 3 to <see cref="Band.High"/>(s+3),
/// so memory is O(n · band width), never O(n · m).
/// </summary>
internal sealed class CellCache
{
    private readonly int[] _rowStart;
    private readonly int[] _rowOffset;
    private readonly int[] _rowWidth;
    private readonly CellStats[] _cells;

    public CellCache(DocumentPair doc, Band band)
    {
        var n = doc.Source.Length;
        var m = doc.Target.Length;
        _rowStart = new int[n];
        _rowOffset = new int[n];
        _rowWidth = new int[n];
        long total = 0;
        for (var s = 0; s < n; s++)
        {
            var low = Math.Max(0, band.Low(s + 1) - 3);
            var high = Math.Min(m - 1, band.High(Math.Min(n, s + 3)) - 1);
            _rowStart[s] = low;
            _rowWidth[s] = Math.Max(0, high - low + 1);
            _rowOffset[s] = (int)total;
            total += _rowWidth[s];
        }

        _cells = new CellStats[total];
        for (var s = 0; s < n; s++)
        {
            for (var k = 0; k < _rowWidth[s]; k++)
            {
                _cells[_rowOffset[s] + k] = doc.Compare(s, _rowStart[s] + k);
            }
        }
    }

    public CellStats Get(int s, int t)
    {
        var k = t - _rowStart[s];
        return (uint)k < (uint)_rowWidth[s] ? _cells[_rowOffset[s] + k] : default;
    }
}
