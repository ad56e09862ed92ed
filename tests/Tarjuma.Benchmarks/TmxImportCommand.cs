using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>import-tmx [N]</c>: writes a deterministic N-unit TMX file (default 1,000,000 units of Tajik/English
/// news-like sentences with 5% duplicates), then, in the same run, (1) parses it with the TMX reader
/// alone — the baseline — and (2) imports it into a fresh SQLite store through the same flow the
/// server and CLI use. Prints units/s for both, their ratio, and the peak working set.
/// </summary>
internal sealed class TmxImportCommand : IBenchmarkCommand
{
    public string Name => "import-tmx";

    public string Description => "TMX import throughput into SQLite (N units, default 1,000,000) beside parse-only";

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var tmxPath = Path.Combine(folder, "bench.tmx");
            var written = Stopwatch.StartNew();
            await SyntheticTmx.WriteAsync(tmxPath, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated {count:N0} units, {new FileInfo(tmxPath).Length / 1048576.0:F1} MiB in {written.Elapsed.TotalSeconds:F1} s"));

            var source = LanguageTag.Parse("tg", "source");
            var target = LanguageTag.Parse("en", "target");
            var parseCpu = CpuTime();
            var parse = Stopwatch.StartNew();
            long parsed = 0;
            await using (var stream = File.OpenRead(tmxPath))
            {
                await foreach (var item in TmxReader.ReadAsync(stream, new TmxReadOptions(source, target), CancellationToken.None))
                {
                    parsed += item.Unit is null ? 0 : 1;
                }
            }

            parse.Stop();
            parseCpu = CpuTime() - parseCpu;
            var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = Path.Combine(folder, "bench.db") });
            var peak = new PeakWorkingSet();
            var importCpu = CpuTime();
            var import = Stopwatch.StartNew();
            TmxImportResult result;
            await using (var stream = File.OpenRead(tmxPath))
            {
                result = await TmxExchange.ImportAsync(store, new TmxImportRequest("bench", source, target), stream, _ => peak.Sample(),
                    CancellationToken.None);
            }

            import.Stop();
            importCpu = CpuTime() - importCpu;
            peak.Sample();
            (store as IDisposable)?.Dispose();
            var parseRate = parsed / parse.Elapsed.TotalSeconds;
            var importRate = result.Summary.Read / import.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"parse only (baseline): {parsed:N0} units in {parse.Elapsed.TotalSeconds:F1} s = {parseRate:N0} units/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import into SQLite:    {result.Summary.Read:N0} read, {result.Summary.Added:N0} added, {result.Summary.Updated:N0} merged duplicates "
                    + $"in {import.Elapsed.TotalSeconds:F1} s = {importRate:N0} units/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import / parse-only ratio: {importRate / parseRate:F2}; peak working set {peak.Peak / 1048576.0:F0} MiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU time (both cores): parse {parseCpu.TotalSeconds:F1} s, import {importCpu.TotalSeconds:F1} s; load "
                    + $"average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Samples the process working set; the import's progress callback drives it.</summary>
    private sealed class PeakWorkingSet
    {
        private long _calls;

        public long Peak { get; private set; }

        public void Sample()
        {
            if (_calls++ % 64 != 0)
            {
                return;
            }

            using var process = Process.GetCurrentProcess();
            Peak = Math.Max(Peak, process.WorkingSet64);
        }
    }
}

/// <summary>A deterministic generator of news-like Tajik/English TMX units (seeded, no external data).</summary>
internal static class SyntheticTmx
{
    private static readonly string[] TajikSubjects = ["Президенти кишвар", "Вазорати маориф", "Ҳукумати шаҳр", "Сарвазир", "Бонки миллӣ", "Кумитаи варзиш",
        "Раиси вилоят", "Ширкати сохтмонӣ"];
    private static readonly string[] EnglishSubjects = ["The country's President", "The Ministry of Education", "The city government", "The Prime Minister",
        "The National Bank", "The Sports Committee", "The regional chairman", "The construction company"];
    private static readonly string[] TajikObjects = ["лоиҳаи навро", "барномаи рушдро", "нақшаи солонаро", "ҳисоботи молиявиро", "созишномаи ҳамкориро",
        "қарори муҳимро"];
    private static readonly string[] EnglishObjects = ["the new project", "the development programme", "the annual plan", "the financial report",
        "the cooperation agreement", "an important decision"];
    private static readonly string[] TajikVerbs = ["баррасӣ кард", "тасдиқ намуд", "пешниҳод кард", "имзо кард"];
    private static readonly string[] EnglishVerbs = ["reviewed", "approved", "proposed", "signed"];
    private static readonly string[] TajikPlaces = ["дар Душанбе", "дар Хуҷанд", "дар Бохтар", "дар Кӯлоб", "дар Хоруғ"];
    private static readonly string[] EnglishPlaces = ["in Dushanbe", "in Khujand", "in Bokhtar", "in Kulob", "in Khorog"];

    public static async Task WriteAsync(string path, int count)
    {
        var random = new Random(20240430);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        await writer.WriteLineAsync(
            "<tmx version=\"1.4\"><header creationtool=\"bench\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                + "srclang=\"tg\" o-tmf=\"bench\"/><body>");
        for (var i = 0; i < count; i++)
        {
            // 5% of units repeat an earlier one exactly: the import merges them.
            var n = random.Next(100) < 5 && i > 0 ? random.Next(i) : i;
            var s = TajikSubjects[n % 8];
            var e = EnglishSubjects[n % 8];
            var o = (n / 8) % 6;
            var v = (n / 48) % 4;
            var p = (n / 192) % 5;
            var number = n / 960;
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"<tu creationdate=\"20240430T120000Z\"><prop type=\"x-n\">{n}</prop><tuv xml:lang=\"tg\"><seg>{s} {TajikPlaces[p]} {TajikObjects[o]} бо "
                    + $"рақами {number} {TajikVerbs[v]}.</seg></tuv><tuv xml:lang=\"en\"><seg>{e} {EnglishVerbs[v]} {EnglishObjects[o]} "
                        + $"number {number} {EnglishPlaces[p]}.</seg></tuv></tu>"));
        }

        await writer.WriteLineAsync("</body></tmx>");
    }
}
