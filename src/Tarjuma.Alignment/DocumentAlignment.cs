using Tarjuma.Alignment.Evidence;
using Tarjuma.Core.Alignment;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;
using Tarjuma.Core.Storage;

namespace Tarjuma.Alignment;

/// <summary>
/// The alignment flow the server and the command line share: segment unless pre-segmented, learn
/// a lexicon from the memory's own units, align, and add the confident beads to the memory in one
/// transaction (all or none).
/// </summary>
public static class DocumentAlignment
{
    /// <summary>Units of the memory read at most to learn its lexicon: bounds the time of one call.</summary>
    public const int MaxLexiconUnits = 200_000;

    public static async Task<AlignDocumentsResult> AlignAsync(AlignDocumentsRequest request, IMemoryStore? store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        if (!IsTajik(request.SourceLanguage) && !IsTajik(request.TargetLanguage))
        {
            throw TarjumaException.InvalidArgument("source_language",
                $"alignment needs a Tajik (tg) side; got {request.SourceLanguage} and {request.TargetLanguage}.");
        }

        if (IsTajik(request.SourceLanguage) && IsTajik(request.TargetLanguage))
        {
            throw TarjumaException.InvalidArgument("target_language", "alignment needs one Tajik (tg) side and one other side.");
        }

        if (request.MinConfidence is < 0 or > 1 || double.IsNaN(request.MinConfidence))
        {
            throw TarjumaException.InvalidArgument("min_confidence", "must be between 0 and 1.");
        }

        var source = request.SourceSegments ?? Segment(request.SourceText, request.SourceLanguage, "source_text");
        var target = request.TargetSegments ?? Segment(request.TargetText, request.TargetLanguage, "target_text");
        MemoryInfo? memory = null;
        BilingualLexicon? lexicon = null;
        if (request.Memory is { } name)
        {
            if (store is null)
            {
                throw TarjumaException.InvalidArgument("memory", "a memory needs a store.");
            }

            memory = await store.FindMemoryAsync(MemoryName.Validate(name), cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
            CheckDirection(memory, request);
            lexicon = await LearnLexiconAsync(store, memory, cancellationToken);
        }

        var aligner = new SentenceAligner(lexicon: lexicon);
        var beads = aligner.Align(source, target, request.SourceLanguage, request.TargetLanguage, cancellationToken);
        if (!request.AddToMemory || memory is null || store is null)
        {
            return new AlignDocumentsResult(beads, source, target, 0, 0);
        }

        var units = ToUnits(beads, source, target, memory, request, clock.GetUtcNow());
        var results = units.Count == 0 ? [] : await store.AddUnitsAsync(memory.Name, units, cancellationToken);
        var added = results.Count(r => r.Outcome == UnitWriteOutcome.Added);
        return new AlignDocumentsResult(beads, source, target, added, results.Count - added);
    }

    private static List<TranslationUnit> ToUnits(IReadOnlyList<Bead> beads, IReadOnlyList<string> source, IReadOnlyList<string> target, MemoryInfo memory,
        AlignDocumentsRequest request, DateTimeOffset now)
    {
        // The memory's source side is whichever document is in its source language.
        var swap = !memory.SourceLanguage.Accepts(request.SourceLanguage);
        var kept = beads.Where(b => !b.IsNull && b.Confidence >= request.MinConfidence).ToList();
        var units = new List<TranslationUnit>(kept.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            var bead = kept[i];
            var sourceText = AlignDocumentsResult.Join(source, bead.SourceStart, bead.SourceCount);
            var targetText = AlignDocumentsResult.Join(target, bead.TargetStart, bead.TargetCount);
            var (memorySource, memoryTarget) = swap ? (targetText, sourceText) : (sourceText, targetText);
            units.Add(new TranslationUnit
            {
                Source = SegmentText.Plain(memorySource),
                Target = SegmentText.Plain(memoryTarget),
                Properties = [new UnitProperty("x-origin", "alignment"), new UnitProperty("x-alignment-confidence", bead.Confidence.ToString("F3",
                    System.Globalization.CultureInfo.InvariantCulture))],
                CreatedBy = request.User,
                CreatedAt = now,
                ChangedBy = request.User,
                ChangedAt = now,
            });
        }

        // Context for in-context matches: the neighbouring units' sources, in document order.
        for (var i = 0; i < units.Count; i++)
        {
            units[i] = units[i] with
            {
                PreviousSource = i > 0 ? units[i - 1].Source.Text : null,
                NextSource = i + 1 < units.Count ? units[i + 1].Source.Text : null,
            };
        }

        return units;
    }

    private static async Task<BilingualLexicon?> LearnLexiconAsync(IMemoryStore store, MemoryInfo memory, CancellationToken cancellationToken)
    {
        var tajikIsSource = IsTajik(memory.SourceLanguage);
        if (!tajikIsSource && !IsTajik(memory.TargetLanguage))
        {
            return null;
        }

        var pairs = new List<(string Tajik, string English)>();
        await foreach (var unit in store.StreamUnitsAsync(memory.Name, cancellationToken))
        {
            pairs.Add(tajikIsSource ? (unit.Source.Text, unit.Target.Text) : (unit.Target.Text, unit.Source.Text));
            if (pairs.Count == MaxLexiconUnits)
            {
                break;
            }
        }

        return pairs.Count == 0 ? null : BilingualLexicon.Learn(pairs);
    }

    private static void CheckDirection(MemoryInfo memory, AlignDocumentsRequest request)
    {
        var forward = memory.SourceLanguage.Accepts(request.SourceLanguage) && memory.TargetLanguage.Accepts(request.TargetLanguage);
        var reverse = memory.SourceLanguage.Accepts(request.TargetLanguage) && memory.TargetLanguage.Accepts(request.SourceLanguage);
        if (!forward && !reverse)
        {
            throw TarjumaException.InvalidArgument("memory",
                $"memory '{memory.Name}' is {memory.SourceLanguage}→{memory.TargetLanguage}, not a pair of {request.SourceLanguage} "
                    + $"and {request.TargetLanguage}.");
        }
    }

    private static List<string> Segment(string? text, LanguageTag language, string field)
    {
        if (text is null)
        {
            throw TarjumaException.InvalidArgument(field, "give the document as text or as segments.");
        }

        var segmenter = Segmenter.Create(new SegmenterOptions { Language = language.Value });
        return [.. segmenter.Segment(text).Select(span => text.Substring(span.Start, span.Length))];
    }

    private static bool IsTajik(LanguageTag language) => string.Equals(language.Language, "tg", StringComparison.Ordinal);
}
