using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.Units;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>import-store [N] [--no-baseline]</c>: imports N generated units (default 1,000,000) into a
/// new SQLite database through <see cref="SqliteMemoryStore.ImportAsync"/> and prints units/s and
/// the peak working set. Baseline, measured in the same run: the same texts inserted by plain
/// prepared INSERTs into an unindexed table in one transaction — the floor SQLite itself sets.
/// Inputs: <see cref="UnitGenerator"/> (deterministic, seed 20261128).
/// </summary>
internal sealed class StoreImportBenchmark : IBenchmarkCommand
{
    public string Name => "import-store";

    public string Description => "Import N generated units (default 1,000,000) into a temp SQLite store; units/s, peak working set.";

    public async Task<int> RunAsync(string[] args)
    {
        var count = 1_000_000;
        var baseline = true;
        foreach (var arg in args)
        {
            if (string.Equals(arg, "--no-baseline", StringComparison.Ordinal))
            {
                baseline = false;
            }
            else if (!int.TryParse(arg, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count < 1)
            {
                await Console.Error.WriteLineAsync("usage: import-store [N] [--no-baseline]");
                return 2;
            }
        }

        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-import-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import-store: {count:N0} units, temp folder {folder}"));

            using (var self = Process.GetCurrentProcess())
            {
                _lastCpu = self.TotalProcessorTime;
            }

            var generate = Stopwatch.StartNew();
            long generatedChars = 0;
            foreach (var unit in UnitGenerator.Units(count))
            {
                generatedChars += unit.Source.Text.Length + unit.Target.Text.Length;
            }

            generate.Stop();
            Report("generator only", count, generate.Elapsed);

            var prepare = Stopwatch.StartNew();
            foreach (var unit in UnitGenerator.Units(count))
            {
                _ = PreparedUnit.From(unit);
            }

            prepare.Stop();
            Report("generator + store's prepare step", count, prepare.Elapsed);

            double? baselineRate = null;
            if (baseline)
            {
                var raw = RawInsert(Path.Combine(folder, "baseline.db"), count);
                baselineRate = count / raw.TotalSeconds;
                Report("baseline: raw INSERT, no indexes", count, raw);
            }

            var databasePath = Path.Combine(folder, "store.db");
            ImportSummary summary;
            var import = Stopwatch.StartNew();
            using (var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = databasePath }))
            {
                await store.CreateMemoryAsync(new NewMemory("bench", LanguageTag.Parse("tg", "source"), LanguageTag.Parse("en", "target")));
                summary = await store.ImportAsync("bench", Items(count), new ImportOptions());
            }

            import.Stop();
            var rate = count / import.Elapsed.TotalSeconds;
            Report("store ImportAsync", count, import.Elapsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  summary: read {summary.Read:N0}, added {summary.Added:N0}, updated {summary.Updated:N0}, rejected {summary.RejectedCount:N0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  text generated: {generatedChars / 1e6:F1} M UTF-16 chars; database {new FileInfo(databasePath).Length / 1e6:F0} MB"));
            if (baselineRate is { } b)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio store / baseline throughput: {rate / b:F2}"));
            }

            using var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  peak working set (whole run): {process.PeakWorkingSet64 / 1e6:F0} MB; target >= 30,000 units/s: {(rate >= 30_000 ? "met" : "NOT met")}"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TimeSpan _lastCpu = TimeSpan.Zero;

    /// <summary>Prints wall time, units/s and the process CPU time spent since the previous line
    /// (the machine is shared: CPU time varies less than wall time when others are busy).</summary>
    private static void Report(string what, int count, TimeSpan elapsed)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-34} {elapsed.TotalSeconds,8:F2} s {count / elapsed.TotalSeconds,12:N0} units/s   cpu {(cpu - _lastCpu).TotalSeconds,7:F2} s"));
        _lastCpu = cpu;
    }

    private static async IAsyncEnumerable<ImportItem> Items(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var unit in UnitGenerator.Units(count))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ImportItem.Accept(unit);
        }

        await Task.CompletedTask;
    }

    private static TimeSpan RawInsert(string path, int count)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText =
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT NOT NULL, t TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO t (s, t) VALUES ($s, $t);";
        var s = insert.Parameters.Add("$s", SqliteType.Text);
        var t = insert.Parameters.Add("$t", SqliteType.Text);
        foreach (var unit in UnitGenerator.Units(count))
        {
            s.Value = unit.Source.Text;
            t.Value = unit.Target.Text;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return watch.Elapsed;
    }
}

/// <summary>
/// Deterministic, realistic-looking Tajik–English units: sentences of 4–16 words drawn from our
/// own word lists, about 1 in 10 with inline tags, 1 in 20 repeating an earlier unit exactly
/// (merged by the store), 1 in 30 reusing an earlier source with a new target (a second unit).
/// </summary>
internal static class UnitGenerator
{
    private static readonly string[] TajikWords =
    [
        "ман", "ту", "ӯ", "мо", "шумо", "онҳо", "китоб", "мактаб", "хона", "шаҳр", "деҳа", "кӯча", "об", "нон", "себ",
        "дарё", "кӯҳ", "осмон", "офтоб", "моҳ", "сол", "рӯз", "шаб", "имрӯз", "фардо", "дирӯз", "хуб", "бад", "калон",
        "хурд", "нав", "кӯҳна", "зебо", "гарм", "сард", "бисёр", "кам", "ҳамеша", "ҳеҷ", "бо", "дар", "аз", "ба", "барои",
        "меравам", "меояд", "мехонад", "менависад", "кор", "мекунад", "дорад", "аст", "буд", "шуд", "қонун", "шартнома",
        "ҳуҷҷат", "тарҷума", "забон", "тоҷикӣ", "англисӣ", "вазорат", "ҳукумат", "ҷумҳурӣ", "Душанбе", "Хуҷанд",
    ];

    private static readonly string[] EnglishWords =
    [
        "I", "you", "he", "we", "they", "book", "school", "house", "city", "village", "street", "water", "bread", "apple",
        "river", "mountain", "sky", "sun", "moon", "year", "day", "night", "today", "tomorrow", "yesterday", "good", "bad",
        "big", "small", "new", "old", "beautiful", "warm", "cold", "many", "few", "always", "never", "with", "in", "from",
        "to", "for", "go", "comes", "reads", "writes", "work", "does", "has", "is", "was", "became", "law", "contract",
        "document", "translation", "language", "Tajik", "English", "ministry", "government", "republic", "Dushanbe", "Khujand",
    ];

    private static readonly string[] Domains = ["law", "medicine", "finance", "news", "software"];

    public static IEnumerable<TranslationUnit> Units(int count)
    {
        var random = new Random(20261128);
        var earlier = new List<TranslationUnit>(capacity: 1_024);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(60);
            if (roll < 3 && earlier.Count > 0)
            {
                // Exact repeat of an earlier unit: the store merges it.
                yield return earlier[random.Next(earlier.Count)];
                continue;
            }

            var source = roll is >= 3 and < 5 && earlier.Count > 0 ? earlier[random.Next(earlier.Count)].Source : Segment(random, TajikWords, i,
                withTags: roll % 10 == 9);
            var target = Segment(random, EnglishWords, i, withTags: source.HasTags);
            var unit = new TranslationUnit
            {
                Source = source,
                Target = target,
                ExternalId = "tu" + i.ToString(CultureInfo.InvariantCulture),
                Properties = [new UnitProperty("x-domain", Domains[random.Next(Domains.Length)])],
                CreatedBy = "bench",
                CreatedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            };

            if (earlier.Count < earlier.Capacity)
            {
                earlier.Add(unit);
            }
            else
            {
                earlier[random.Next(earlier.Count)] = unit;
            }

            yield return unit;
        }
    }

    private static SegmentText Segment(Random random, string[] words, int index, bool withTags)
    {
        var builder = new StringBuilder(128);
        var length = 4 + random.Next(13);
        for (var w = 0; w < length; w++)
        {
            if (w > 0)
            {
                builder.Append(w % 7 == 6 ? ", " : " ");
            }

            var word = words[random.Next(words.Length)];
            builder.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }

        // A number keeps generated sentences distinct, as dates and amounts do in real documents.
        builder.Append(' ').Append(index.ToString(CultureInfo.InvariantCulture)).Append('.');
        var text = builder.ToString();
        if (!withTags)
        {
            return new SegmentText(text);
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return new SegmentText(text,
        [
            new InlineTag(InlineTagKind.Begin, 0, "<bpt i=\"1\">&lt;b&gt;</bpt>"),
            new InlineTag(InlineTagKind.End, space, "<ept i=\"1\">&lt;/b&gt;</ept>"),
        ]);
    }
}
