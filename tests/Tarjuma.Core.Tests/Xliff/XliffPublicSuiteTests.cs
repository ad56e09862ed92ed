using System.Xml;
using System.Xml.Linq;
using Tarjuma.Core.Model;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Xliff;

/// <summary>
/// Every public XLIFF file in <c>../shared/data/suites/xliff</c> (Okapi, OmegaT, Translate Toolkit, the
/// OASIS XLIFF 2.0 test suite) is pre-translated with a lookup that matches every segment: the output must
/// be well-formed, follow the schemas' structure, and equal the input outside our additions; or the file
/// is refused with a line and column (not XLIFF 1.2/2.x, or not well-formed).
/// </summary>
public sealed class XliffPublicSuiteTests
{
    private const string Suite = "suites/xliff";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (SharedData.Root is { } root && Directory.Exists(Path.Combine(root, Suite)))
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, Suite), "*.xlf", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(Path.Combine(root, Suite), file));
            }
        }
        else
        {
            data.Add("(absent)");
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public async Task Public_file_is_leveraged_faithfully_or_refused_with_line_and_column(string file)
    {
        var path = SharedData.Require(Path.Combine(Suite, file));
        var bytes = await File.ReadAllBytesAsync(path);
        XDocument output;
        try
        {
            (output, _, _) = await XliffRun.RunAsync(bytes, new EchoXliffLookup());
        }
        catch (TarjumaException refused)
        {
            Assert.Matches(@"^line \d+, column \d+: ", refused.Message);
            Assert.True(IsInvalidBySuite(file) || IsRefusable(bytes), $"{file} was refused: {refused.Message}");
            return;
        }

        if (!IsInvalidBySuite(file))
        {
            XliffAssert.Valid(output);
        }

        using var stream = new MemoryStream(bytes);
        XliffAssert.SameOutsideAdditions(XDocument.Load(stream, LoadOptions.PreserveWhitespace), output);
    }

    [SkippableFact]
    public async Task Most_public_files_are_leveraged_and_their_targets_filled()
    {
        var root = SharedData.Require(Suite);
        var leveraged = 0;
        var filled = 0;
        var refusals = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.xlf", SearchOption.AllDirectories))
        {
            try
            {
                var (_, _, summary) = await XliffRun.RunAsync(await File.ReadAllBytesAsync(file), new EchoXliffLookup());
                leveraged++;
                filled += summary.FilledSegments;
            }
            catch (TarjumaException refused)
            {
                // Each refusal is checked above; the list is in the message should the counts change.
                refusals.Add($"{Path.GetRelativePath(root, file)}: {refused.Message}");
            }
        }

        Assert.True(refusals.Count <= 10, string.Join('\n', refusals));

        Assert.True(leveraged >= 182, $"only {leveraged} files leveraged");
        Assert.True(filled >= 130, $"only {filled} segments filled ({leveraged} files)");
    }

    /// <summary>The OASIS suite's deliberately invalid documents: passed through faithfully or refused, but not valid to begin with.</summary>
    private static bool IsInvalidBySuite(string file) => file.Contains("/invalid/", StringComparison.Ordinal);

    /// <summary>A refusal is right only for a file that is not well-formed or not XLIFF 1.2/2.0/2.1.</summary>
    private static bool IsRefusable(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            var document = XDocument.Load(stream);
            var root = document.Root!;
            var version = (string?)root.Attribute("version");
            return root.Name.LocalName != "xliff" || version is not ("1.2" or "2.0" or "2.1");
        }
        catch (XmlException)
        {
            return true;
        }
    }
}
