using Tarjuma.Core.Segmentation;
using Tarjuma.Evaluation.Segmentation;

namespace Tarjuma.Core.Tests.Segmentation;

public sealed class SegmentationEvaluationTests
{
    private static IReadOnlyList<SegmentationDocument> Documents(string jsonl)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, jsonl);
            return SegmentationEvaluation.ReadDocuments(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Paragraph_ends_are_not_counted_and_inner_ambiguous_lines_count_neither_way()
    {
        // Gold: "Сарлавҳа" | "Ин ҷумла. Бо идома." (ambiguous) | "Охир."; the segmenter splits the
        // ambiguous line, which must not count, and finds the real boundary before "Охир.".
        var documents = Documents(
            """{"doc": "d1", "lang": "tg", "text": "Сарлавҳа\n\nИн ҷумла. Бо идома. Охир.", "sentences": [{"text": "Сарлавҳа", "inner_ambiguous": false}, """
            + """{"text": "Ин ҷумла. Бо идома.", "inner_ambiguous": true}, {"text": "Охир.", "inner_ambiguous": false}]}""");

        var result = SegmentationEvaluation.ScoreDocuments(documents, Segmenter.Create(new SegmenterOptions { Language = "tg" }));

        Assert.Equal(new BoundaryScore(1, 0, 0), result.Score);
        Assert.Equal(1.0, result.Score.F1);
    }

    [Fact]
    public void Missed_and_spurious_boundaries_are_listed_with_context()
    {
        var documents = Documents(
            """{"doc": "d2", "lang": "tg", "text": "Як ду. се чор. Панҷ.", "sentences": [{"text": "Як ду. се чор.", "inner_ambiguous": false}, """
            + """{"text": "Панҷ.", "inner_ambiguous": false}]}""" + "\n"
            + """{"doc": "d3", "lang": "tg", "text": "Як. Ду. Се.", "sentences": [{"text": "Як. Ду.", "inner_ambiguous": false}, """
            + """{"text": "Се.", "inner_ambiguous": false}]}""");

        var result = SegmentationEvaluation.ScoreDocuments(documents, Segmenter.Create(new SegmenterOptions { Language = "tg" }));

        Assert.Equal(new BoundaryScore(2, 1, 0), result.Score);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(BoundaryKind.Spurious, failure.Kind);
        Assert.Equal("d3", failure.DocumentId);
        Assert.Contains("Як. ‖", failure.Context, StringComparison.Ordinal);
    }

    [Fact]
    public void Golden_cases_compare_folded_segments_and_count_skipped_ones()
    {
        var cases = new[]
        {
            new GoldenCase("pass", "en", "One  two. Three.", ["One two.", "Three."]),
            new GoldenCase("fail", "en", "One. Two.", ["One. Two."], Skip: true),
        };

        var result = SegmentationEvaluation.ScoreGoldenRules(cases, new SegmenterOptions { Language = "en" });
        var withoutSkipped = SegmentationEvaluation.ScoreGoldenRules(cases, new SegmenterOptions { Language = "en" }, includeSkipped: false);

        Assert.Equal((2, 1, 1), (result.Total, result.Passed, result.Skipped));
        Assert.Equal(0.5, result.PassRate);
        Assert.Equal((1, 1), (withoutSkipped.Total, withoutSkipped.Passed));
        Assert.Equal(["One.", "Two."], Assert.Single(result.Failures).Actual);
    }
}
