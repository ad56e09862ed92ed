using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Runs a program as users run it, timed from start to exit, with its peak resident memory
/// (GNU time's <c>%M</c>, the child's <c>ru_maxrss</c>). Standard input and output are redirected
/// by the shell to files, so no pipe through this process slows the program down.
/// </summary>
internal static class WholeProcess
{
    /// <summary>
    /// Debian's Python, where <c>apt-get install python3-icu</c> puts PyICU (a python3 earlier on PATH,
    /// such as pyenv's, does not see it). Both Python baselines run on it.
    /// </summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The <c>tarjuma</c> build output, recorded at build time by the project file.</summary>
    public static string CliDll =>
        typeof(WholeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => string.Equals(a.Key, "TarjumaCliDll", StringComparison.Ordinal)).Value!;

    /// <summary>A script beside the benchmark's sources (<c>tests/Tarjuma.Benchmarks/Scripts</c>).</summary>
    public static string Script(string name) =>
        Path.Combine(SegmentationData.RepositoryRoot(), "tests", "Tarjuma.Benchmarks", "Scripts", name);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/>; <paramref name="stdin"/> and
    /// <paramref name="stdout"/> are file paths (null: /dev/null). Throws when it exits with an error.
    /// </summary>
    public static async Task<Run> RunAsync(string program, IReadOnlyList<string> arguments, string? stdin = null, string? stdout = null)
    {
        var usage = Path.GetTempFileName();
        var stderr = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("/usr/bin/time") { UseShellExecute = false };
            foreach (var argument in new[] { "-f", "%M %U %S", "-o", usage, "/bin/sh", "-c", "exec \"$0\" \"$@\" < \"$IN\" > \"$OUT\" 2> \"$ERR\"", program })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["IN"] = stdin ?? "/dev/null";
            start.Environment["OUT"] = stdout ?? "/dev/null";
            start.Environment["ERR"] = stderr;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
            await process.WaitForExitAsync();
            clock.Stop();
            var error = await File.ReadAllTextAsync(stderr);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}");
            }

            // GNU time's last line: peak RSS in kilobytes (1024 bytes), user and system CPU seconds.
            var fields = (await File.ReadAllLinesAsync(usage)).Last(l => l.Length > 0).Split(' ');
            var kib = long.Parse(fields[0], CultureInfo.InvariantCulture);
            var cpu = double.Parse(fields[1], CultureInfo.InvariantCulture) + double.Parse(fields[2], CultureInfo.InvariantCulture);
            return new Run(clock.Elapsed, kib * 1024, TimeSpan.FromSeconds(cpu), error);
        }
        finally
        {
            File.Delete(usage);
            File.Delete(stderr);
        }
    }

    /// <summary>"min–max" of a list of figures, formatted with <paramref name="format"/>.</summary>
    public static string Range(IEnumerable<double> values, string format) =>
        values.Min().ToString(format, CultureInfo.InvariantCulture) + "–" + values.Max().ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The middle value (mean of the two middle ones for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The first field of <c>/proc/loadavg</c>: how busy the shared machine was.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>
    /// One run: wall time from start to exit, peak resident memory, CPU time (user + system, all threads)
    /// and what it wrote to stderr. On the shared machine CPU time varies far less than wall time.
    /// </summary>
    public sealed record Run(TimeSpan Elapsed, long PeakRssBytes, TimeSpan Cpu, string Stderr);
}
