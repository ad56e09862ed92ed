using System.Diagnostics;
using Tarjuma.Evaluation.Matching;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>match-quality</c>: the NTREX development pairs as a memory, queries derived by realistic
/// edits, unrelated UDHR and SDG sentences; prints recall@1, placeables carried over and the
/// rate of unrelated queries scoring 70 or more; then every placeable changed in our own sentences
/// (<c>placeable-pairs.tsv</c>) and in NTREX, with the count of wrongly adjusted suggestions; then
/// the scores of clause-swapped queries with and without block moves (NTREX in-sample, SDG held out).
/// </summary>
internal sealed class MatchingQualityCommand : IBenchmarkCommand
{
    public string Name => "match-quality";

    public string Description => "Matching quality on ntrex-dev: recall@1, placeables carried over, unrelated >= 70.";

    public Task<int> RunAsync(string[] args)
    {
        var root = MatchingData.Root();
        if (root is null)
        {
            Console.Error.WriteLine("../shared/data not found (set TARJUMA_SHARED_DATA).");
            return Task.FromResult(1);
        }

        var pairs = MatchingData.NtrexPairs(root);
        var (tajik, english) = MatchingData.Unrelated(root);
        var clock = Stopwatch.StartNew();
        var report = MatchQualityEvaluation.Run(pairs, tajik, english);
        Console.WriteLine($"memory: {pairs.Count} ntrex-dev pairs; unrelated: {tajik.Count} tg + {english.Count} en sentences (UDHR, SDG)");
        Console.Write(report.Format());
        // Every number, ordinal, date and time changed one at a time, both directions (issue #13).
        var own = PlaceableEvaluation.Run(MatchingData.PlaceablePairs());
        var ntrex = PlaceableEvaluation.Run(pairs);
        Console.Write(own.Format("placeable-pairs.tsv"));
        Console.Write(ntrex.Format("ntrex-dev"));
        // NTREX swaps were looked at while the move penalties were set (in-sample); SDG's were not used to set them.
        var swaps = ClauseSwapEvaluation.Run(pairs);
        Console.Write(swaps.Format("ntrex-dev (in-sample: the move penalties were set while looking at it)"));
        var heldOut = ClauseSwapEvaluation.Run(MatchingData.SdgPairs(root));
        Console.Write(heldOut.Format("SDG strings (held out)"));
        Console.WriteLine("targets: recall@1 >= 0.99, placeables >= 95%, unrelated >= 70 <= 1%; own placeables >= 98%, 0 wrong adjusted;"
            + $" clause swaps below 50 <= 1%; time {clock.Elapsed.TotalSeconds:F1} s");
        var pass = report.RecallAt1 >= 0.99 && report.PlaceableRate >= 0.95 && report.UnrelatedRate <= 0.01
            && own.Rate >= 0.98 && own.WrongAdjusted == 0 && ntrex.WrongAdjusted == 0
            && swaps.BelowAfter(50) <= swaps.Queries / 100;
        Console.WriteLine(pass ? "PASS" : "FAIL");
        return Task.FromResult(pass ? 0 : 1);
    }
}
