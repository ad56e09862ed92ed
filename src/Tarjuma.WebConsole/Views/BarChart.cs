namespace Tarjuma.WebConsole.Views;

/// <summary>One bar of a chart: its label, value, and geometry in SVG user units.</summary>
public sealed record Bar(string Label, long Value, double X, double Y, double Width, double Height);

/// <summary>
/// A vertical bar chart laid out for SVG: values scaled to the plot height against a "nice" top
/// (1, 2 or 5 times a power of ten) so the axis reads in round numbers. Pure arithmetic, tested
/// without a browser; the component only draws the rectangles.
/// </summary>
public sealed class BarChart
{
    public const double Width = 640;
    public const double Height = 260;
    public const double Left = 56;
    public const double Bottom = 40;
    public const double Top = 12;

    private BarChart(IReadOnlyList<Bar> bars, long axisMax)
    {
        Bars = bars;
        AxisMax = axisMax;
    }

    public IReadOnlyList<Bar> Bars { get; }

    /// <summary>The value at the top of the plot (at least 1).</summary>
    public long AxisMax { get; }

    public static double PlotHeight => Height - Bottom - Top;

    /// <summary>Lays out <paramref name="values"/>; negative values are drawn as zero.</summary>
    public static BarChart Layout(IReadOnlyList<(string Label, long Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var axisMax = NiceCeiling(values.Count == 0 ? 0 : values.Max(v => v.Value));
        var slot = values.Count == 0 ? 0 : (Width - Left) / values.Count;
        var bars = values.Select((v, i) =>
        {
            var height = Math.Max(0, v.Value) * PlotHeight / axisMax;
            return new Bar(v.Label, v.Value, Left + (i * slot) + (slot * 0.15), Top + PlotHeight - height, slot * 0.7, height);
        }).ToList();
        return new BarChart(bars, axisMax);
    }

    /// <summary>The smallest 1, 2 or 5 × 10^n at or above <paramref name="value"/> (1 for 0 or less).</summary>
    public static long NiceCeiling(long value)
    {
        if (value <= 1)
        {
            return 1;
        }

        for (var power = 1L; ; power *= 10)
        {
            foreach (var step in (long[])[1, 2, 5])
            {
                if (step * power >= value)
                {
                    return step * power;
                }
            }
        }
    }
}
