using Tarjuma.Alignment.Evidence;
using Tarjuma.Core.Alignment;
using Tarjuma.Core.Model;

namespace Tarjuma.Alignment;

/// <summary>
/// Aligns two already-segmented documents, Tajik and English in either direction, into beads
/// (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1) with a confidence each. Immutable and thread-safe:
/// build one per memory lexicon and share it.
/// </summary>
public sealed class SentenceAligner
{
    /// <summary>Sentences accepted per document: bounds the band memory (see <see cref="BandedSearch.MaxBandCells"/>).</summary>
    public const int MaxSentences = 200_000;

    /// <summary>Realign only when the first pass yields this many confident 1-1 beads to learn a lexicon from.</summary>
    public const int RealignMinPairs = 100;

    /// <summary>Sentences per block in the coarse pass of long documents.</summary>
    private const int BlockSize = 8;

    /// <summary>Below this many sentences a side, the diagonal band is cheap enough without a coarse pass.</summary>
    private const int CoarseMinSentences = 400;

    /// <summary>Confidence a first-pass 1-1 bead needs to teach the realign lexicon.</summary>
    private const double RealignMinConfidence = 0.9;

    private readonly AlignerOptions _options;
    private readonly BilingualLexicon _lexicon;
    private readonly BeadScorer? _scorer;
    private readonly LengthModel _length;

    /// <param name="options">Scoring and search options; <see cref="AlignerOptions.Default"/> when null.</param>
    /// <param name="lexicon">A lexicon learned from a memory (<see cref="BilingualLexicon.Learn(IEnumerable{ValueTuple{string, string}})"/>), or null.</param>
    /// <param name="scorer">The bead scorer; the shipped model when null.</param>
    public SentenceAligner(AlignerOptions? options = null, BilingualLexicon? lexicon = null, BeadScorer? scorer = null)
        : this(options, lexicon, scorer, LengthModel.TajikEnglish)
    {
    }

    internal SentenceAligner(AlignerOptions? options, BilingualLexicon? lexicon, BeadScorer? scorer, LengthModel length)
    {
        _options = options ?? AlignerOptions.Default;
        _lexicon = _options.UseLexicon ? lexicon ?? BilingualLexicon.Empty : BilingualLexicon.Empty;
        _scorer = _options.Scoring == BeadScoring.Model ? scorer ?? BeadScorer.Shipped : scorer;
        _length = length;
    }

    /// <summary>
    /// Aligns <paramref name="source"/> with <paramref name="target"/>; one of the languages must be
    /// Tajik (<c>tg</c>). Bead indices refer to the lists as given, whatever the direction.
    /// </summary>
    public IReadOnlyList<Bead> Align(
        IReadOnlyList<string> source, IReadOnlyList<string> target, LanguageTag sourceLanguage, LanguageTag targetLanguage,
            CancellationToken cancellationToken = default)
    {
        var sourceIsTajik = string.Equals(sourceLanguage.Language, "tg", StringComparison.Ordinal);
        var targetIsTajik = string.Equals(targetLanguage.Language, "tg", StringComparison.Ordinal);
        if (sourceIsTajik == targetIsTajik)
        {
            throw TarjumaException.InvalidArgument(nameof(sourceLanguage), "Alignment needs one Tajik (tg) side and one other side.");
        }

        if (sourceIsTajik)
        {
            return Align(source, target, cancellationToken);
        }

        return [.. Align(target, source, cancellationToken).Select(b => new Bead(b.TargetStart, b.TargetCount, b.SourceStart, b.SourceCount, b.Confidence,
            b.NeedsReview))];
    }

    /// <summary>Aligns a Tajik document with an English one, one sentence per list item.</summary>
    public IReadOnlyList<Bead> Align(IReadOnlyList<string> tajik, IReadOnlyList<string> english, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tajik);
        ArgumentNullException.ThrowIfNull(english);
        if (tajik.Count > MaxSentences || english.Count > MaxSentences)
        {
            throw new TarjumaException(ErrorKind.ResourceExhausted, $"At most {MaxSentences} sentences per document can be aligned.",
                tajik.Count > MaxSentences ? "source" : "target");
        }

        var source = Analyze(tajik, isTajik: true, cancellationToken);
        var target = Analyze(english, isTajik: false, cancellationToken);
        return Align(source, target, cancellationToken);
    }

    internal IReadOnlyList<Bead> Align(SentenceEvidence[] source, SentenceEvidence[] target, CancellationToken cancellationToken = default)
    {
        if (source.Length == 0 || target.Length == 0)
        {
            return [.. Enumerable.Range(0, source.Length).Select(i => new Bead(i, 1, 0, 0, 1, true)),
                    .. Enumerable.Range(0, target.Length).Select(j => new Bead(0, 0, j, 1, 1, true))];
        }

        // Pass 1: length only (cheap), around the diagonal; it finds where the path runs.
        int n = source.Length, m = target.Length;
        var length = _options.AdaptLengthRatio ? _length.ForDocument(source, target) : _length;
        var pair = new DocumentPair(source, target, _lexicon, length);
        var beads = LengthPath(source, target, length, _options, _options.Scoring == BeadScoring.GaleChurch, cancellationToken);
        if (_options.Scoring == BeadScoring.GaleChurch)
        {
            return beads;
        }

        // Pass 2: all evidence, near the length-based path.
        var lengthPath = beads;
        beads = BandedSearch.Run(pair, _scorer, _options, w => Band.Around(lengthPath, n, m, w), _options.MinBandWidth, posteriors: true, cancellationToken);
        if (!_options.Realign || !_options.UseLexicon || _options.Scoring != BeadScoring.Model)
        {
            return beads;
        }

        var confident = beads.Where(b => b.SourceCount == 1 && b.TargetCount == 1 && b.Confidence >= RealignMinConfidence)
            .Select(b => (source[b.SourceStart].Stems, target[b.TargetStart].Stems))
            .ToList();
        if (confident.Count < RealignMinPairs)
        {
            return beads;
        }

        // Pass 3 (realign): a lexicon learned from the confident beads of pass 2, near its path.
        var realigned = _lexicon.Merge(BilingualLexicon.Learn(confident));
        var modelPath = beads;
        return BandedSearch.Run(new DocumentPair(source, target, realigned, length), _scorer, _options, w => Band.Around(modelPath, n, m, w),
            _options.MinBandWidth, posteriors: true, cancellationToken);
    }

    /// <summary>
    /// Gale–Church path. Long documents are first aligned as blocks of <see cref="BlockSize"/>
    /// sentences (recursively) and the sentence-level search runs near the block path, so that a
    /// drift of hundreds of sentences between the documents costs no wide band (coarse-to-fine,
    /// as in Vecalign).
    /// </summary>
    private static List<Bead> LengthPath(SentenceEvidence[] source, SentenceEvidence[] target, LengthModel length, AlignerOptions options, bool posteriors,
        CancellationToken cancellationToken)
    {
        int n = source.Length, m = target.Length;
        Func<int, Band> band;
        if (Math.Min(n, m) >= CoarseMinSentences)
        {
            var blocks = LengthPath(Blocks(source), Blocks(target), length, options, posteriors: false, cancellationToken);
            var projected = blocks.Select(b => new Bead(
                b.SourceStart * BlockSize, Math.Min(n, (b.SourceStart + b.SourceCount) * BlockSize) - (b.SourceStart * BlockSize),
                b.TargetStart * BlockSize, Math.Min(m, (b.TargetStart + b.TargetCount) * BlockSize) - (b.TargetStart * BlockSize),
                0, false)).ToList();
            band = w => Band.Around(projected, n, m, w);
        }
        else
        {
            band = w => Band.Diagonal(n, m, w);
        }

        var pair = new DocumentPair(source, target, BilingualLexicon.Empty, length);
        return BandedSearch.Run(pair, null, options with { Scoring = BeadScoring.GaleChurch }, band, options.MinBandWidth, posteriors, cancellationToken);
    }

    private static SentenceEvidence[] Blocks(SentenceEvidence[] sentences)
    {
        var blocks = new SentenceEvidence[(sentences.Length + BlockSize - 1) / BlockSize];
        for (var k = 0; k < blocks.Length; k++)
        {
            var length = 0;
            for (var i = k * BlockSize; i < Math.Min(sentences.Length, (k + 1) * BlockSize); i++)
            {
                length += sentences[i].Length;
            }

            blocks[k] = new SentenceEvidence(length, [], [], [], [], [], [], default);
        }

        return blocks;
    }

    internal SentenceEvidence[] Analyze(IReadOnlyList<string> sentences, bool isTajik, CancellationToken cancellationToken = default)
    {
        var result = new SentenceEvidence[sentences.Count];
        Parallel.For(0, sentences.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            result[i] = SentenceAnalyzer.Analyze(sentences[i] ?? string.Empty, isTajik, _options.UseTransliteration));
        return result;
    }
}
