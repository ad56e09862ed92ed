using System.Diagnostics;
using System.Globalization;
using System.Xml;
using BenchmarkDotNet.Attributes;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;

namespace Tarjuma.Benchmarks;

/// <summary>
/// TMX reading and writing of 1,000 Level 2 tg–en units (about 60 % plain, 40 % with a bpt/ept
/// pair and a ph), in memory. Input: <see cref="TmxSample"/>.
/// </summary>
[MemoryDiagnoser]
public class TmxBenchmarks
{
    private const int UnitCount = 1_000;
    private readonly MemoryInfo _memory = TmxSample.Memory;
    private TranslationUnit[] _units = [];
    private byte[] _document = [];

    [GlobalSetup]
    public void Setup()
    {
        _units = [.. Enumerable.Range(0, UnitCount).Select(TmxSample.Unit)];
        using var stream = new MemoryStream();
        TmxWriter.WriteAsync(stream, _memory, _units.ToAsyncEnumerable()).GetAwaiter().GetResult();
        _document = stream.ToArray();
    }

    /// <summary>Baseline: a bare XmlReader pass over the same bytes with the same settings' essentials.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> ScanXml()
    {
        using var reader = XmlReader.Create(new MemoryStream(_document), new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null
        });
        var elements = 0;
        while (await reader.ReadAsync())
        {
            elements += reader.NodeType == XmlNodeType.Element ? 1 : 0;
        }

        return elements;
    }

    [Benchmark]
    public async Task<int> Read()
    {
        var units = 0;
        await foreach (var item in TmxReader.ReadAsync(new MemoryStream(_document), new TmxReadOptions(_memory.SourceLanguage, _memory.TargetLanguage)))
        {
            units += item.Unit is null ? 0 : 1;
        }

        return units;
    }

    [Benchmark]
    public async Task<long> Write()
    {
        using var stream = new MemoryStream(_document.Length);
        await TmxWriter.WriteAsync(stream, _memory, _units.ToAsyncEnumerable());
        return stream.Length;
    }
}

/// <summary>Synthetic units shaped like real tg–en memory content, built from sentences we wrote.</summary>
internal static class TmxSample
{
    public static MemoryInfo Memory { get; } = new()
    {
        Name = "bench",
        SourceLanguage = LanguageTag.Parse("tg", "source"),
        TargetLanguage = LanguageTag.Parse("en", "target"),
    };

    public static TranslationUnit Unit(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        if (i % 5 < 3)
        {
            return new TranslationUnit
            {
                Source = SegmentText.Plain($"Дар шаҳри Душанбе имрӯз ҳаво гарм ва офтобӣ аст, рақами {n}."),
                Target = SegmentText.Plain($"In the city of Dushanbe the weather is warm and sunny today, number {n}."),
                CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                CreatedBy = "bench",
            };
        }

        return new TranslationUnit
        {
            Source = new SegmentText(
                $"Тугмаи Сабт-ро пахш кунед ва {n} -ро интизор шавед.",
                [
                    new InlineTag(InlineTagKind.Begin, 6, "<bpt i=\"1\">&lt;b&gt;</bpt>"),
                    new InlineTag(InlineTagKind.End, 10, "<ept i=\"1\">&lt;/b&gt;</ept>"),
                    new InlineTag(InlineTagKind.Placeholder, 28, "<ph x=\"2\">&lt;br/&gt;</ph>"),
                ]),
            Target = new SegmentText(
                $"Press the Save button and wait for {n}.",
                [
                    new InlineTag(InlineTagKind.Begin, 10, "<bpt i=\"1\">&lt;b&gt;</bpt>"),
                    new InlineTag(InlineTagKind.End, 14, "<ept i=\"1\">&lt;/b&gt;</ept>"),
                    new InlineTag(InlineTagKind.Placeholder, 26, "<ph x=\"2\">&lt;br/&gt;</ph>"),
                ]),
            PreviousSource = "Барномаро кушоед.",
            Properties = [new UnitProperty("x-file", "ui.po")],
        };
    }
}

/// <summary>
/// <c>tmx-scale [units]</c> (default 1,000,000): writes that many units to a temporary TMX file,
/// scans it with a bare XmlReader (the baseline), then reads it with <see cref="TmxReader"/>;
/// prints times, the read/scan ratio and the largest managed heap seen, which must stay flat.
/// </summary>
internal sealed class TmxScaleCommand : IBenchmarkCommand
{
    public string Name => "tmx-scale";

    public string Description => "write and read N TMX units (default 1,000,000); ratio against a bare XmlReader scan";

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var path = Path.Combine(Path.GetTempPath(), $"tarjuma-tmx-scale-{Environment.ProcessId}.tmx");
        try
        {
            var heap = new HeapWatch();
            var watch = Stopwatch.StartNew();
            await using (var file = File.Create(path))
            {
                await TmxWriter.WriteAsync(file, TmxSample.Memory, Produce(count, heap));
            }

            var write = watch.Elapsed;
            var writeHeap = heap.Reset();
            var size = new FileInfo(path).Length;

            watch.Restart();
            var elements = 0L;
            await using (var file = File.OpenRead(path))
            using (var reader = XmlReader.Create(file, new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Ignore, XmlResolver = null }))
            {
                while (await reader.ReadAsync())
                {
                    if (reader.NodeType == XmlNodeType.Element && ++elements % 100_000 == 0)
                    {
                        heap.Sample();
                    }
                }
            }

            var scan = watch.Elapsed;
            var scanHeap = heap.Reset();

            watch.Restart();
            var units = 0L;
            await using (var file = File.OpenRead(path))
            {
                await foreach (var item in TmxReader.ReadAsync(file, new TmxReadOptions(TmxSample.Memory.SourceLanguage, TmxSample.Memory.TargetLanguage)))
                {
                    if (item.Unit is not null && ++units % 10_000 == 0)
                    {
                        heap.Sample();
                    }
                }
            }

            var read = watch.Elapsed;
            var readHeap = heap.Reset();

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"units {count:N0}, file {size / 1_048_576.0:F1} MiB"));
            Console.WriteLine(string.Create(inv,
                $"write          {write.TotalSeconds,8:F2} s  {count / write.TotalSeconds,10:N0} units/s  max heap {writeHeap / 1_048_576.0:F1} MiB"));
            Console.WriteLine(string.Create(inv,
                $"scan (baseline){scan.TotalSeconds,8:F2} s  {elements,10:N0} elements   max heap {scanHeap / 1_048_576.0:F1} MiB"));
            Console.WriteLine(string.Create(inv,
                $"read           {read.TotalSeconds,8:F2} s  {units / read.TotalSeconds,10:N0} units/s  max heap {readHeap / 1_048_576.0:F1} MiB"));
            Console.WriteLine(string.Create(inv,
                $"ratio read/scan {read.TotalSeconds / scan.TotalSeconds:F2}, write/scan {write.TotalSeconds / scan.TotalSeconds:F2}"));
            return units == count ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async IAsyncEnumerable<TranslationUnit> Produce(int count, HeapWatch heap)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 10_000 == 0)
            {
                heap.Sample();
                await Task.Yield();
            }

            yield return TmxSample.Unit(i);
        }
    }

    /// <summary>Largest managed heap size seen by the sampled GC info (no forced collections).</summary>
    private sealed class HeapWatch
    {
        private long _max;

        public void Sample() => _max = Math.Max(_max, GC.GetGCMemoryInfo().HeapSizeBytes);

        public long Reset()
        {
            Sample();
            var max = _max;
            _max = 0;
            return max;
        }
    }
}
