using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Tarjuma.WebConsole.Views;

/// <summary>Dates and numbers in the interface's culture.</summary>
public static class Format
{
    /// <summary>A UTC timestamp as the culture writes a date and time (UTC, said so); empty when unset.</summary>
    public static string Date(Timestamp? timestamp, CultureInfo culture) =>
        timestamp is null ? "" : timestamp.ToDateTimeOffset().ToString("g", culture) + " UTC";

    /// <summary>A score 0-101 with a percent sign, as the culture writes numbers.</summary>
    public static string Score(int score, CultureInfo culture) => score.ToString("N0", culture) + " %";
}
