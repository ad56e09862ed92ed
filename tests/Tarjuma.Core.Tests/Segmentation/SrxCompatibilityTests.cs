using Tarjuma.Core.Segmentation;
using Tarjuma.Evaluation.Segmentation;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Segmentation;

/// <summary>Rule files from real tools load and run, and the SRX engine suites pass.</summary>
public sealed class SrxCompatibilityTests
{
    [SkippableTheory]
    [InlineData("languagetool/segment.srx")]
    [InlineData("omegat/defaultRules.srx")]
    [InlineData("okapi/Segmentation.srx")]
    [InlineData("okapi/Test01.srx")]
    [InlineData("okapi/TestICU4J.srx")]
    [InlineData("okapi/alternate-default.srx")]
    [InlineData("okapi/defaultSegmentation.srx")]
    [InlineData("okapi/gcaligner_default.srx")]
    [InlineData("okapi/isolated_code.srx")]
    [InlineData("okapi/issue277.srx")]
    [InlineData("okapi/language_tools_german.srx")]
    [InlineData("okapi/okapi_default_icu4j.srx")]
    [InlineData("okapi/sample20.srx")]
    [InlineData("okapi/segmentation-rules.srx")]
    [InlineData("okapi/tradosSegmentation.srx")]
    [InlineData("srx-spec/srx-20-sample.srx")]
    public void Third_party_srx_file_loads_and_segments(string file)
    {
        var document = SrxDocument.LoadFile(SharedData.Require("suites/srx/" + file));
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = "en", Rules = document });
        const string text = "Mr. Holmes is from the U.K. not the U.S. Is Dr. Watson from there too? Yes: both are.";

        var spans = segmenter.Segment(text);

        Assert.NotEmpty(spans);
        Assert.All(spans, s => Assert.InRange(s.End, 1, text.Length));
        Assert.True(spans.Count <= 6, $"{spans.Count} segments");
    }

    [SkippableFact]
    public void Srx_ruby_engine_tests_on_the_specification_sample_pass()
    {
        var sample = SrxDocument.LoadFile(SharedData.Require("suites/srx/srx-spec/srx-20-sample.srx"));
        // Includes the HTML cases: tags are masked and placed by the header's formathandle.
        var cases = SegmentationEvaluation.ReadGoldenCases(SharedData.Require("suites/segmentation/srx-ruby/engine_tests_on_srx20_sample.jsonl"));

        var result = SegmentationEvaluation.ScoreGoldenRules(cases, new SegmenterOptions { Language = "en", Rules = sample });

        Assert.NotEmpty(cases);
        Assert.True(result.Passed == result.Total, string.Join(" || ", result.Failures.Select(f => $"{f.Case.Text}: {string.Join(" | ", f.Actual)}")));
    }

    [SkippableFact]
    public void LanguageTool_split_tests_pass_with_its_rules()
    {
        var result = RunWithLanguageTool("languagetool_split_tests.jsonl");

        Assert.True(result.Passed == result.Total, string.Join(" || ", result.Failures.Select(f => $"{f.Case.Text}: {string.Join(" | ", f.Actual)}")));
    }

    [SkippableFact]
    public void Golden_rules_that_LanguageTool_passes_pass_with_its_rules_here()
    {
        var result = RunWithLanguageTool("golden_rules_with_languagetool_srx.jsonl");

        Assert.True(result.Passed == result.Total, string.Join(" || ", result.Failures.Select(f => $"{f.Case.Text}: {string.Join(" | ", f.Actual)}")));
    }

    private static GoldenEvaluation RunWithLanguageTool(string suite)
    {
        var rules = SrxDocument.LoadFile(SharedData.Require("suites/srx/languagetool/segment.srx"));
        var cases = SegmentationEvaluation.ReadGoldenCases(SharedData.Require("suites/segmentation/srx-languagetool-ruby/" + suite));
        return SegmentationEvaluation.ScoreGoldenRules(cases, new SegmenterOptions { Language = "en", Rules = rules }, includeSkipped: false);
    }
}
