using Tarjuma.Core.Alignment;
using Tarjuma.Core.Model;
using Tarjuma.Evaluation.Alignment;

namespace Tarjuma.Alignment.Tests;

public sealed class SentenceAlignerTests
{
    // Our own small news item: Tajik 2+3 are one English sentence, Tajik 5 is not translated.
    private static readonly string[] Tajik =
    [
        "Вазорати маориф барномаи навро эълон кард.",
        "Барнома соли 2024 оғоз мешавад.",
        "Дар он 120 мактаб иштирок мекунанд.",
        "Ҳар мактаб 15 компютер мегирад.",
        "Вазир Раҳимов гуфт, ки ин қадами муҳим аст.",
        "Ӯ ба ҳамаи муаллимон ва волидоне, ки дар тайёр кардани барнома кӯмак карданд, ташаккур гуфт.",
        "Оё ин барнома дар деҳот ҳам кор мекунад?",
        "Ҷавоб дар моҳи март маълум мешавад.",
    ];

    private static readonly string[] English =
    [
        "The Ministry of Education announced a new programme.",
        "The programme starts in 2024.",
        "About 120 schools take part, and each school receives 15 computers.",
        "Minister Rakhimov said this was an important step.",
        "Will the programme also work in the villages?",
        "The answer will be known in March.",
    ];

    private static readonly string[] ExpectedLinks = ["0\t0", "1\t1", "2,3\t2", "4\t3", "5\t", "6\t4", "7\t5"];

    [Fact]
    public void Small_document_with_a_merge_and_a_missing_sentence_is_aligned()
    {
        var beads = new SentenceAligner().Align(Tajik, English);

        Assert.Equal(ExpectedLinks, Links(beads));
    }

    [Fact]
    public void Beads_cover_every_sentence_once_and_in_order()
    {
        var beads = new SentenceAligner().Align(Tajik, English);

        Assert.Equal(Enumerable.Range(0, Tajik.Length), beads.SelectMany(b => b.SourceIndices));
        Assert.Equal(Enumerable.Range(0, English.Length), beads.SelectMany(b => b.TargetIndices));
        Assert.All(beads, b => Assert.InRange(b.Confidence, 0, 1));
    }

    [Fact]
    public void Sentence_without_counterpart_is_flagged_for_review()
    {
        var beads = new SentenceAligner().Align(Tajik, English);

        Assert.All(beads.Where(b => b.IsNull), b => Assert.True(b.NeedsReview));
    }

    [Fact]
    public void English_as_source_gives_indices_in_the_callers_order()
    {
        var aligner = new SentenceAligner();
        var forward = aligner.Align(Tajik, English);

        var backward = aligner.Align(English, Tajik, LanguageTag.Parse("en", "source"), LanguageTag.Parse("tg-TJ", "target"));

        Assert.Equal(forward.Select(b => (b.TargetStart, b.TargetCount, b.SourceStart, b.SourceCount)), backward.Select(b => (b.SourceStart, b.SourceCount,
            b.TargetStart, b.TargetCount)));
    }

    [Fact]
    public void Pair_without_Tajik_is_rejected_naming_the_field()
    {
        var aligner = new SentenceAligner();

        var error = Assert.Throws<TarjumaException>(() => aligner.Align(English, English, LanguageTag.Parse("en", "s"), LanguageTag.Parse("fr", "t")));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("sourceLanguage", error.Field);
    }

    [Fact]
    public void Empty_target_leaves_every_source_sentence_unaligned()
    {
        var beads = new SentenceAligner().Align(Tajik, []);

        Assert.Equal(Tajik.Length, beads.Count);
        Assert.All(beads, b => Assert.True(b.SourceCount == 1 && b.TargetCount == 0 && b.NeedsReview));
    }

    [Fact]
    public void Memory_lexicon_is_used_without_changing_a_clear_alignment()
    {
        var lexicon = Evidence.BilingualLexicon.Learn(Enumerable.Repeat(("Барнома соли нав оғоз мешавад.", "The programme starts this new year."), 3));
        var beads = new SentenceAligner(lexicon: lexicon).Align(Tajik, English);

        Assert.True(lexicon.Count > 0);
        Assert.Equal(ExpectedLinks, Links(beads));
    }

    [Fact]
    public void Realign_option_on_a_long_document_keeps_its_alignment()
    {
        const int Copies = 30;
        var tajik = Enumerable.Repeat(Tajik, Copies).SelectMany(d => d).ToList();
        var english = Enumerable.Repeat(English, Copies).SelectMany(d => d).ToList();
        var expected = Enumerable.Range(0, Copies).SelectMany(k => ExpectedLinks.Select(l => Shift(l, k * Tajik.Length, k * English.Length)));

        var beads = new SentenceAligner(AlignerOptions.Default with { Realign = true }).Align(tajik, english);

        Assert.True(beads.Count(b => b.SourceCount == 1 && b.TargetCount == 1) >= SentenceAligner.RealignMinPairs);
        Assert.Equal(expected, Links(beads));
    }

    [Fact]
    public void Very_uneven_documents_still_get_a_complete_alignment()
    {
        var english = Enumerable.Range(0, 300).Select(i => $"Line {i} of a long list.").ToList();

        var beads = new SentenceAligner().Align([Tajik[0]], english);

        Assert.Equal([0], beads.SelectMany(b => b.SourceIndices));
        Assert.Equal(Enumerable.Range(0, 300), beads.SelectMany(b => b.TargetIndices));
    }

    [Fact]
    public void Cancelled_alignment_stops_with_OperationCanceledException()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new SentenceAligner().Align(Tajik, English, cancelled.Token));
    }

    [Fact]
    public void Shipped_model_loads_with_one_weight_per_feature()
    {
        Assert.Equal(BeadFeatures.Count, BeadScorer.Shipped.Weights.Count);
    }

    [Fact]
    public void Strict_score_leaves_out_beads_with_an_empty_side()
    {
        (int[], int[])[] reference = [([0], [0]), ([1, 2], [1]), ([3], [])];
        Bead[] predicted = [new(0, 1, 0, 1, 1, false), new(1, 1, 1, 1, 1, false), new(2, 1, 2, 0, 1, true), new(3, 1, 2, 0, 1, true)];

        var score = AlignmentMetrics.Score(reference, predicted);

        Assert.Equal(new AlignmentMetrics(1, 2, 2), score);
    }

    private static string Shift(string link, int source, int target)
    {
        static string Move(string side, int by) =>
            string.Join(',', side.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => int.Parse(i) + by));
        var sides = link.Split('\t');
        return Move(sides[0], source) + "\t" + Move(sides[1], target);
    }

    private static string[] Links(IEnumerable<Bead> beads) =>
        [.. BeadFormatter.ToLinks(beads).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.LastIndexOf('\t')])];
}
