using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;

namespace Tarjuma.Cli.Migration;

/// <summary>What a migration copied, per memory and in all.</summary>
internal sealed record MigrationReport(IReadOnlyList<MigratedMemory> Memories, int Keys);

/// <summary>One memory copied: its units counted and checksummed on both sides.</summary>
internal sealed record MigratedMemory(string Name, long Units, string Checksum);

/// <summary>
/// Copies every memory (with its units and abbreviations) and every API key from one store to
/// another through their ports, so any pair of stores works. Each memory is imported atomically
/// (a failure leaves it absent in the target). Units keep their ids when the target holds no memory
/// (<see cref="ImportOptions.KeepIds"/>; the checksums then cover the ids too), else they get the
/// target's, in the same order; everything else is copied as stored. Afterwards each memory is read
/// back from the target and its unit count and checksum compared with the source's.
/// </summary>
internal static class StoreMigration
{
    public static async Task<MigrationReport> CopyAsync(StorePorts from, StorePorts to, bool intoNonEmpty, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var sourceMemories = await from.Memories.ListMemoriesAsync(cancellationToken);
        var targetMemories = await to.Memories.ListMemoriesAsync(cancellationToken);
        var targetKeys = await to.Keys.ExportAsync(cancellationToken);
        if (!intoNonEmpty && (targetMemories.Count > 0 || targetKeys.Count > 0))
        {
            throw new TarjumaException(
                ErrorKind.FailedPrecondition,
                $"the target is not empty ({targetMemories.Count} memories, {targetKeys.Count} keys); nothing was copied. Give --into-non-empty to add to it.",
                "--to");
        }

        if (sourceMemories.Select(m => m.Name).Intersect(targetMemories.Select(m => m.Name), StringComparer.Ordinal).FirstOrDefault() is { } clash)
        {
            throw new TarjumaException(ErrorKind.AlreadyExists, $"memory '{clash}' is in both stores; nothing was copied.", "--to");
        }

        // Ids are global in both stores: kept only where none of the target's can collide with them.
        var keepIds = targetMemories.Count == 0;
        var copied = new List<MigratedMemory>();
        foreach (var memory in sourceMemories)
        {
            var checksum = new UnitChecksum(keepIds);
            var summary = await to.Memories.ImportAsync(
                memory.Name,
                Counted(from.Memories.StreamUnitsAsync(memory.Name, cancellationToken), checksum, cancellationToken),
                new ImportOptions
                {
                    CreateMemory = new NewMemory(memory.Name, memory.SourceLanguage, memory.TargetLanguage, memory.Description),
                    KeepIds = keepIds,
                },
                cancellationToken);
            var abbreviations = await from.Abbreviations.GetAbbreviationsAsync(memory.Name, cancellationToken);
            if (abbreviations.Learned.Count > 0 || abbreviations.LearnedFromUnits > 0)
            {
                await to.Abbreviations.SaveLearnedAbbreviationsAsync(memory.Name, abbreviations.Learned, abbreviations.LearnedFromUnits, cancellationToken);
            }

            if (abbreviations.Added.Count > 0 || abbreviations.Removed.Count > 0)
            {
                await to.Abbreviations.EditAbbreviationsAsync(memory.Name, abbreviations.Added, abbreviations.Removed, cancellationToken);
            }

            var expected = checksum.Finish();
            var check = new UnitChecksum(keepIds);
            await foreach (var unit in to.Memories.StreamUnitsAsync(memory.Name, cancellationToken))
            {
                check.Add(unit);
            }

            var actual = check.Finish();
            if (check.Count != checksum.Count || summary.Added != checksum.Count || !string.Equals(actual, expected, StringComparison.Ordinal))
            {
                throw new TarjumaException(
                    ErrorKind.FailedPrecondition,
                    string.Create(CultureInfo.InvariantCulture,
                        $"memory '{memory.Name}' did not copy faithfully: {checksum.Count} units (checksum {expected}) in the source, {check.Count} "
                            + $"({actual}) in the target."),
                    "--to");
            }

            copied.Add(new MigratedMemory(memory.Name, check.Count, actual));
            progress(string.Create(CultureInfo.InvariantCulture, $"{memory.Name}: {check.Count} units, checksum {actual}"));
        }

        var keys = await from.Keys.ExportAsync(cancellationToken);
        foreach (var key in keys)
        {
            await to.Keys.RestoreAsync(key, cancellationToken);
        }

        return new MigrationReport(copied, keys.Count);
    }

    private static async IAsyncEnumerable<ImportItem> Counted(IAsyncEnumerable<TranslationUnit> units, UnitChecksum checksum,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var unit in units.WithCancellation(cancellationToken))
        {
            checksum.Add(unit);
            yield return ImportItem.Accept(unit);
        }
    }
}

/// <summary>
/// SHA-256 over every unit's stored content in id order, ids included only when kept (else the target
/// gives its own): texts, tags, context, properties, notes, people, dates and usage. Each field is
/// length-prefixed, so no two different units hash alike by shifting text between fields.
/// </summary>
internal sealed class UnitChecksum(bool withIds = false)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new();

    public long Count { get; private set; }

    public void Add(TranslationUnit unit)
    {
        _line.Clear();
        if (withIds)
        {
            Field(unit.Id.ToString(CultureInfo.InvariantCulture));
        }

        Field(unit.Source.Text);
        foreach (var tag in unit.Source.Tags)
        {
            Field(string.Create(CultureInfo.InvariantCulture, $"{(int)tag.Kind}@{tag.Position}:{tag.Xml}"));
        }

        Field(unit.Target.Text);
        foreach (var tag in unit.Target.Tags)
        {
            Field(string.Create(CultureInfo.InvariantCulture, $"{(int)tag.Kind}@{tag.Position}:{tag.Xml}"));
        }

        Field(unit.PreviousSource);
        Field(unit.NextSource);
        Field(unit.ExternalId);
        foreach (var property in unit.Properties.IsDefault ? [] : unit.Properties)
        {
            Field($"{property.Type}|{property.Language}|{property.Value}");
        }

        foreach (var note in unit.Notes.IsDefault ? [] : unit.Notes)
        {
            Field($"{note.Language}|{note.Text}");
        }

        Field(unit.CreatedBy);
        Field(unit.CreatedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(unit.ChangedBy);
        Field(unit.ChangedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(unit.UsageCount.ToString(CultureInfo.InvariantCulture));
        Field(unit.LastUsedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        _hash.AppendData(Encoding.UTF8.GetBytes(_line.ToString()));
        Count++;
    }

    /// <summary>The first 16 hex digits of the digest: enough to tell copies apart in a report.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset())[..16];

    private void Field(string? value)
    {
        if (value is null)
        {
            _line.Append("-1;");
            return;
        }

        _line.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}
