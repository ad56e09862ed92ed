using System.CommandLine;
using System.Globalization;
using Tarjuma.Client;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Checks;
using Tarjuma.CommandLine.Files;
using Tarjuma.CommandLine.Progress;
using Tarjuma.Protos.V1;

namespace Tarjuma.CommandLine.Commands;

/// <summary><c>tarjuma import --memory NAME [--source-lang L --target-lang L] [--skip-invalid] FILE.tmx</c>.</summary>
internal static class ImportCommand
{
    public static Command Build(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var memory = new Option<string>("--memory") { Description = "The memory to import into (created when missing).", Required = true };
        var source = new Option<string?>("--source-lang") { Description = "Source language; needed when the memory does not exist." };
        var target = new Option<string?>("--target-lang") { Description = "Target language; needed when the memory does not exist." };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description =
            "Import the valid units and report the rejected ones, instead of importing nothing."
        };
        var user = new Option<string?>("--user") { Description = "Recorded as creator of units that name none." };
        var file = new Argument<FileInfo>("file") { Description = "The TMX file." };
        var command = new Command("import", "Import a TMX file into a memory (atomic unless --skip-invalid).") { memory, source, target, skipInvalid, user,
            file };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var request = new TmxImportOptions(MemoryNames.Validate(parse.GetValue(memory), "--memory"))
            {
                SourceLanguage = LanguageTags.CanonicalOrNull(parse.GetValue(source), "--source-lang"),
                TargetLanguage = LanguageTags.CanonicalOrNull(parse.GetValue(target), "--target-lang"),
                SkipInvalid = parse.GetValue(skipInvalid),
                User = parse.GetValue(user),
            };
            await using var input = OpenInput(path);

            // A pipe or FIFO (`tarjuma import <(zcat memory.tmx.gz)`) has no length: the bar then counts bytes without a total.
            long? total = input.CanSeek ? input.Length : null;
            long read = 0;
            await using var backend = common.Open(parse, DatabaseUse.MayCreate);
            ImportTmxResponse summary;
            using (var bar = ProgressBar.Start(console, $"importing {path.Name}", total, ProgressUnit.Bytes))
            {
                // Bytes read of the file's size: the same measure for a local and a server import.
                await using var stream = new ReadCountingStream(input, done =>
                {
                    read = done;
                    bar.Report(done);
                });
                summary = await backend.ImportAsync(request, stream, null, cancellationToken);
            }

            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(summary.MemoryCreated ? "created memory " + request.Memory + "; " : string.Empty)}read {summary.Read}, added {summary.Added}, "
                    + $"updated {summary.Updated}, rejected {summary.RejectedCount}, skipped {summary.SkippedCount} ({total ?? read:N0} bytes)"));
            foreach (var skip in summary.Skipped)
            {
                // As the engine words a skip ("skipped 1 unit without de-DE") and a rejection.
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  skipped {skip.Count} {(skip.Count == 1 ? "unit" : "units")} {skip.Reason}"));
            }

            foreach (var rejection in summary.Rejected)
            {
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  rejected: {path.Name}:line {rejection.Line}, column {rejection.Column}: {rejection.Reason}"));
            }

            return 0;
        });
        return command;
    }

    internal static FileStream OpenInput(FileInfo path)
    {
        if (!path.Exists)
        {
            throw CommandLineException.InvalidArgument("file", $"{path.FullName} does not exist.");
        }

        return new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
    }
}
