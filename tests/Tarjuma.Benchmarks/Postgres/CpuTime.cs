using System.Diagnostics;
using System.Globalization;

namespace Tarjuma.Benchmarks.Postgres;

/// <summary>CPU time (user + system) of this process and of the local PostgreSQL server's processes, from /proc.</summary>
internal static class CpuTime
{
    public static TimeSpan OfThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// Summed over every live process named <c>postgres</c> (the cluster's backends and helpers); a backend that
    /// exits between two readings takes its time with it, so read around work done on pooled connections.
    /// </summary>
    public static TimeSpan OfPostgresServers()
    {
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || !string.Equals(stat[(open + 1)..close], "postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the name: state is field 3, utime 14 and stime 15 (proc(5)).
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not a process folder.
            }
        }

        // USER_HZ is 100 on Linux.
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
