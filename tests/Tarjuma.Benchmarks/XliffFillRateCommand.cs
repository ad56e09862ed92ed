using System.Globalization;
using System.Text.RegularExpressions;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Xliff;
using Tarjuma.Evaluation.Matching;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>xliff-fill</c>: how much of an XLIFF document pre-translation fills, per band, on NTREX dev
/// (55 news documents), each document leveraged against a SQLite memory through the production lookup
/// (fill at 75 or more). Two memories per document:
/// <list type="bullet">
/// <item><b>other documents</b>: the 54 other NTREX documents; nothing of the document itself (out of sample).</item>
/// <item><b>previous version</b>: those plus the document's own pairs as an earlier version would have them:
/// every fourth sentence missing, the first number of every sentence that has one changed on both sides
/// (in sample by construction: it measures leverage of a revised document, not retrieval of unseen text).</item>
/// </list>
/// </summary>
internal sealed partial class XliffFillRateCommand : IBenchmarkCommand
{
    public string Name => "xliff-fill";

    public string Description => "XLIFF fill rate by band on NTREX dev documents (leave-one-document-out and previous-version memories)";

    public async Task<int> RunAsync(string[] args)
    {
        var root = MatchingData.Root() ?? throw new InvalidOperationException("../shared/data is missing.");
        var documents = MatchingData.NtrexDocuments(root);
        var folder = Directory.CreateTempSubdirectory("tarjuma-xliff-fill").FullName;
        try
        {
            foreach (var previousVersion in new[] { false, true })
            {
                var best = new int[Enum.GetValues<AnalysisBand>().Length];
                var filled = new int[best.Length];
                int segments = 0, filledTotal = 0, unplaceable = 0;
                var database = Path.Combine(folder, previousVersion ? "previous.db" : "others.db");
                using var store = new IndexedMemoryStore(SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = database }));
                for (var d = 0; d < documents.Count; d++)
                {
                    var memory = $"doc{d}";
                    await store.CreateMemoryAsync(new NewMemory(memory, LanguageTag.Parse("tg", "tg"), LanguageTag.Parse("en", "en")));
                    var units = documents.Where((_, other) => other != d).SelectMany(o => Units(o.Pairs, revise: false)).ToList();
                    if (previousVersion)
                    {
                        units.AddRange(Units(documents[d].Pairs, revise: true));
                    }

                    await store.AddUnitsAsync(memory, units);
                    var xliff = Path.Combine(folder, "doc.xlf");
                    XliffDocuments.Write(xliff, documents[d].Pairs.Select(p => p.Tajik));
                    using var output = new MemoryStream();
                    var summary = await XliffLeverage.RunAsync(
                        () => File.OpenRead(xliff), output, new IndexedXliffLookup(store, memory), new XliffLeverageOptions
                        {
                            MinScore = 50,
                            FillMinScore = 75
                        }, CancellationToken.None);
                    segments += summary.Segments;
                    filledTotal += summary.FilledSegments;
                    unplaceable += summary.UnplaceableSegments;
                    for (var b = 0; b < best.Length; b++)
                    {
                        best[b] += summary.BestByBand[b];
                        filled[b] += summary.FilledByBand[b];
                    }
                }

                Console.WriteLine(previousVersion
                    ? "memory: the 54 other documents + the document's previous version (in sample by construction)"
                    : "memory: the 54 other documents (out of sample)");
                Console.WriteLine("band\tbest match\tfilled");
                foreach (var band in Enum.GetValues<AnalysisBand>().Where(b => b != AnalysisBand.Repetition))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{band.Name()}\t{best[(int)band]}\t{filled[(int)band]}"));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"total\t{segments}\t{filledTotal} ({100.0 * filledTotal / segments:F1} % filled; {unplaceable} not filled for codes)"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A document's pairs as units with their neighbours as context; revised: the earlier version described above.</summary>
    private static IEnumerable<TranslationUnit> Units(List<QualityPair> pairs, bool revise)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if (revise && i % 4 == 3)
            {
                continue;
            }

            var (tajik, english) = (pairs[i].Tajik, pairs[i].English);
            if (revise && FirstNumber().Match(tajik) is { Success: true } number && english.Contains(number.Value, StringComparison.Ordinal))
            {
                var older = (long.Parse(number.Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
                tajik = tajik.Replace(number.Value, older, StringComparison.Ordinal);
                english = english.Replace(number.Value, older, StringComparison.Ordinal);
            }

            yield return new TranslationUnit
            {
                Source = SegmentText.Plain(tajik),
                Target = SegmentText.Plain(english),
                PreviousSource = i > 0 ? TextNormalizer.ToNfc(pairs[i - 1].Tajik) : null,
                NextSource = i + 1 < pairs.Count ? TextNormalizer.ToNfc(pairs[i + 1].Tajik) : null,
            };
        }
    }

    [GeneratedRegex(@"\d{1,9}")]
    private static partial Regex FirstNumber();
}
