using System.Diagnostics;
using System.Globalization;

namespace Tarjuma.CommandLine.Progress;

/// <summary>What a progress bar counts, for its numbers.</summary>
internal enum ProgressUnit
{
    Bytes,
    Units,
}

/// <summary>
/// A one-line progress bar on stderr, redrawn in place (<c>\r</c>) at most ten times a second:
/// <c>importing big.tmx [#########-----------]  45%  146.2/324.0 MiB</c>. It draws only when
/// stderr is a terminal (<see cref="CliConsole.IsTerminal"/>); redirected, it writes nothing, so
/// logs and pipelines see only the summary lines. Machine output (stdout) is never touched.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private const int BarWidth = 24;
    private static readonly long RedrawTicks = Stopwatch.Frequency / 10;

    private readonly TextWriter? _error;
    private readonly string _label;
    private readonly long? _total;
    private readonly ProgressUnit _unit;
    private readonly Lock _gate = new();
    private long _done;
    private long _lastDrawn = long.MinValue;
    private int _lastLength;

    private ProgressBar(TextWriter? error, string label, long? total, ProgressUnit unit)
    {
        _error = error;
        _label = label;
        _total = total is > 0 ? total : null;
        _unit = unit;
    }

    /// <summary>A bar for <paramref name="total"/> (null when unknown: a count without percent).</summary>
    public static ProgressBar Start(CliConsole console, string label, long? total, ProgressUnit unit)
    {
        ArgumentNullException.ThrowIfNull(console);
        var bar = new ProgressBar(console.IsTerminal ? console.Error : null, label, total, unit);
        bar.Draw(force: true);
        return bar;
    }

    /// <summary>Sets how much is done; may be called from any thread, as often as convenient.</summary>
    public void Report(long done)
    {
        if (_error is null)
        {
            return;
        }

        Interlocked.Exchange(ref _done, done);
        Draw(force: false);
    }

    /// <summary>Draws the final state and ends the line, so the summary that follows starts clean.</summary>
    public void Dispose()
    {
        if (_error is null)
        {
            return;
        }

        Draw(force: true);
        lock (_gate)
        {
            _error.WriteLine();
        }
    }

    private void Draw(bool force)
    {
        if (_error is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!force && now - _lastDrawn < RedrawTicks)
            {
                return;
            }

            _lastDrawn = now;
            var line = Render(Interlocked.Read(ref _done));

            // Pad over the tail of a longer previous line (no terminal escape codes needed).
            _error.Write('\r' + line.PadRight(_lastLength));
            _lastLength = line.Length;
        }
    }

    internal string Render(long done)
    {
        if (_total is not { } total)
        {
            return $"{_label}  {Amount(done)}";
        }

        var fraction = Math.Clamp((double)done / total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new string('#', filled) + new string('-', BarWidth - filled);
        return string.Create(CultureInfo.InvariantCulture, $"{_label} [{bar}] {fraction * 100,3:0}%  {Amount(done, total)}");
    }

    private string Amount(long done, long? total = null) => _unit switch
    {
        ProgressUnit.Bytes => total is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{Mebibytes(done):0.0}/{Mebibytes(t):0.0} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{Mebibytes(done):0.0} MiB"),
        _ => total is { } u
            ? string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{u:N0} units")
            : string.Create(CultureInfo.InvariantCulture, $"{done:N0} units"),
    };

    private static double Mebibytes(long bytes) => bytes / (1024.0 * 1024.0);
}
