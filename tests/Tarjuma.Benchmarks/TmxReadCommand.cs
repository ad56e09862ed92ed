using System.Diagnostics;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;
using static System.FormattableString;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>tmx-read --tmx FILE [--rounds R] [--reader fast|xml]</c>: in-process (not what users run; <c>import-process</c> is), the TMX reader alone
/// over a local file, <c>FastXmlReader</c> and <c>XmlReader</c> alternating, each in the same process: units, wall and CPU
/// seconds of each reading. The first reading pays for the JIT, as a <c>tarjuma import</c> process does; <c>--reader</c> reads
/// with one of them only, so that a process's first reading can be compared (run it once per reader, alternating).
/// </summary>
internal sealed class TmxReadCommand : IBenchmarkCommand
{
    public string Name => "tmx-read";

    public string Description => "in-process TMX reading of a local file, FastXmlReader vs XmlReader alternating --tmx FILE [--rounds R] [--reader fast|xml]";

    public async Task<int> RunAsync(string[] args)
    {
        var path = CommandArgs.Text(args, "--tmx");
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine("tmx-read needs --tmx FILE (a tg→en TMX, e.g. the one import-process --tmx writes).");
            return 2;
        }

        var rounds = CommandArgs.Int(args, "--rounds", 3);
        var only = CommandArgs.Text(args, "--reader");
        if (only is not (null or "fast" or "xml"))
        {
            Console.Error.WriteLine($"--reader is fast or xml, not '{only}'.");
            return 2;
        }

        var options = new TmxReadOptions(LanguageTag.Parse("tg", "source"), LanguageTag.Parse("en", "target"));
        Console.WriteLine(Invariant($"TMX {path}: {new FileInfo(path).Length / 1e6:F0} MB; load average {WholeProcess.LoadAverage()}"));
        for (var round = 1; round <= rounds; round++)
        {
            var order = only is null ? (round % 2 == 1 ? new[] { true, false } : [false, true]) : [only == "fast"];
            foreach (var fast in order)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                long units = 0;
                bool readFast;
                await using (var stream = File.OpenRead(path))
                {
                    using var reader = await TmxReader.OpenCoreAsync(stream, options, fast, CancellationToken.None);
                    await foreach (var unused in reader.ReadUnitsAsync())
                    {
                        units++;
                    }

                    readFast = reader.ReadsFast;
                }

                process.Refresh();
                var name = fast ? (readFast ? "FastXmlReader" : "FastXmlReader (fell back)") : "XmlReader";
                var seconds = (process.TotalProcessorTime - cpu).TotalSeconds;
                var load = WholeProcess.LoadAverage();
                var wall = clock.Elapsed.TotalSeconds;
                Console.WriteLine(Invariant($"round {round} {name,-13}: {units:N0} units, {wall:F2} s, {seconds:F2} CPU-s; load average {load}"));
            }
        }

        return 0;
    }
}
