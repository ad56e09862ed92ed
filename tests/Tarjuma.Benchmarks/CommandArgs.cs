using System.Globalization;

namespace Tarjuma.Benchmarks;

/// <summary>Named options of the benchmark commands (<c>--name value</c>); a missing one takes its fallback.</summary>
internal static class CommandArgs
{
    public static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static long Long(string[] args, string name, long fallback) =>
        Text(args, name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static int Int(string[] args, string name, int fallback) => checked((int)Long(args, name, fallback));
}
