using System.Runtime.CompilerServices;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// The in-memory retrieval index of one side of one memory. Terms are the folded words of each
/// segment (plus one class term per placeable kind); a lookup counts shared terms over the
/// posting lists of the query's rarest terms (prefix filtering: a match at the minimum score must
/// share one of them), drops candidates outside the length window the score allows, ranks the
/// rest by shared terms and re-scores the best <see cref="MatchOptions.CandidateCount"/> exactly
/// with <see cref="FuzzyScorer"/>. Thread-safe: lookups run concurrently, writes take a
/// short exclusive lock. Units are kept as their two <see cref="SegmentText"/>s and id only.
/// </summary>
public sealed partial class MemoryIndex : IDisposable
{
    /// <summary>
    /// Candidates whose remaining terms are checked (binary search, a cache miss per step on big
    /// lists) at most, chosen by most shared prefix terms. Short queries scan few prefix lists, so
    /// their counts tie much more: they verify up to <see cref="ShortQueryVerifyLimit"/>.
    /// </summary>
    private const int VerifyLimit = 300;

    /// <summary>The verification limit when at most <see cref="ShortPrefix"/> prefix lists were scanned.</summary>
    private const int ShortQueryVerifyLimit = 2_000;

    private const int ShortPrefix = 3;

    /// <summary>Distinct query terms considered at most (pathological input; a real segment has far fewer).</summary>
    private const int MaxQueryTerms = 1_000;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _docById = [];
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private PostingList[] _postings = new PostingList[1024];
    private int _termCount;
    private long[] _ids = new long[1024];
    private SegmentText[] _texts = new SegmentText[1024];
    private SegmentText[] _translations = new SegmentText[1024];
    private ulong[] _context = new ulong[1024];
    private ushort[] _punctuationCounts = new ushort[1024];
    private ushort[] _tagCounts = new ushort[1024];
    private ushort[] _wordCounts = new ushort[1024];
    private ushort[] _distinctTerms = new ushort[1024];
    private bool[] _deleted = new bool[1024];
    private int _docCount;
    private int _liveCount;

    /// <summary>An empty index of <paramref name="side"/> of a memory with these languages.</summary>
    public MemoryIndex(LanguageTag sourceLanguage, LanguageTag targetLanguage, MemorySide side = MemorySide.Source)
    {
        Side = side;
        Language = side == MemorySide.Source ? sourceLanguage : targetLanguage;
        TranslationLanguage = side == MemorySide.Source ? targetLanguage : sourceLanguage;
        Convention = NumberConventions.For(Language);
        TranslationConvention = NumberConventions.For(TranslationLanguage);
        _termLookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public MemorySide Side { get; }

    /// <summary>The language of the indexed side (queries are in it).</summary>
    public LanguageTag Language { get; }

    /// <summary>The language of the suggestions.</summary>
    public LanguageTag TranslationLanguage { get; }

    internal NumberConvention Convention { get; }

    internal NumberConvention TranslationConvention { get; }

    /// <summary>Units in the index.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _liveCount;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Builds the index of one side from a stream of units (the store's <c>StreamUnitsAsync</c>).</summary>
    public static async Task<MemoryIndex> BuildAsync(IAsyncEnumerable<TranslationUnit> units, LanguageTag sourceLanguage, LanguageTag targetLanguage, MemorySide side, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        var index = new MemoryIndex(sourceLanguage, targetLanguage, side);
        await foreach (var unit in units.WithCancellation(cancellationToken))
        {
            index.Add(unit);
        }

        return index;
    }

    /// <summary>Adds a unit, or replaces the unit with the same id.</summary>
    public void Add(TranslationUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var text = Side == MemorySide.Source ? unit.Source : unit.Target;
        var translation = Side == MemorySide.Source ? unit.Target : unit.Source;
        var context = Side == MemorySide.Source ? ContextKey(unit.PreviousSource, unit.NextSource) : 0;
        var tokens = Tokenizer.Tokenize(text, Convention);
        var scratch = Scratch.Get();
        scratch.EnsureFold(text.Text.Length);
        scratch.Terms.Clear();

        // Term ids are assigned under the lock (the dictionary is shared); tokenising is not.
        _lock.EnterWriteLock();
        try
        {
            if (_docById.TryGetValue(unit.Id, out var old))
            {
                _deleted[old] = true;
                _liveCount--;
            }

            var doc = _docCount;
            EnsureDocCapacity(doc + 1);
            var state = new AddState(this, scratch.Terms);
            SegmentTerms.Visit(text.Text, tokens, scratch.Fold, ref state, static (ref AddState s, ReadOnlySpan<char> term) => s.Terms.Add(s.Index.InternTerm(term)));
            scratch.Terms.Sort();
            var distinct = 0;
            for (var i = 0; i < scratch.Terms.Count; i++)
            {
                if (i > 0 && scratch.Terms[i] == scratch.Terms[i - 1])
                {
                    continue;
                }

                _postings[scratch.Terms[i]].Add(doc);
                distinct++;
            }

            int words = 0, marks = 0, tags = 0;
            foreach (var token in tokens)
            {
                words += token.IsTermBearing ? 1 : 0;
                marks += token.Kind == TokenKind.Punctuation ? 1 : 0;
                tags += token.Kind == TokenKind.Tag ? 1 : 0;
            }

            _ids[doc] = unit.Id;
            _texts[doc] = text;
            _translations[doc] = translation;
            _context[doc] = context;
            _punctuationCounts[doc] = Saturate(marks);
            _tagCounts[doc] = Saturate(tags);
            _wordCounts[doc] = Saturate(words);
            _distinctTerms[doc] = Saturate(distinct);
            _deleted[doc] = false;
            _docById[unit.Id] = doc;
            _docCount++;
            _liveCount++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Replaces a unit (same as <see cref="Add"/>).</summary>
    public void Update(TranslationUnit unit) => Add(unit);

    /// <summary>Removes a unit; false when it was not indexed.</summary>
    public bool Remove(long id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_docById.Remove(id, out var doc))
            {
                return false;
            }

            _deleted[doc] = true;
            _liveCount--;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The weighted length of a unit's indexed text (see <see cref="FuzzyScorer.Weight(int, int, int, MatchOptions)"/>).</summary>
    private int WeightOf(int doc, MatchOptions options) => FuzzyScorer.Weight(_wordCounts[doc], _punctuationCounts[doc], _tagCounts[doc], options);

    private static ushort Saturate(int value) => (ushort)Math.Min(value, ushort.MaxValue);

    /// <summary>The key of a unit's neighbours for in-context matches; 0 when it has none.</summary>
    internal static ulong ContextKey(string? previous, string? next)
    {
        if (previous is null && next is null)
        {
            return 0;
        }

        var hash = Fnv.Hash(TextNormalizer.ToNfc(previous ?? string.Empty));
        hash = Fnv.Add(hash, '\u0001');
        foreach (var c in TextNormalizer.ToNfc(next ?? string.Empty))
        {
            hash = Fnv.Add(hash, c);
        }

        return hash | 1;
    }

    private int InternTerm(ReadOnlySpan<char> term)
    {
        if (_termLookup.TryGetValue(term, out var id))
        {
            return id;
        }

        id = _termCount++;
        if (id == _postings.Length)
        {
            Array.Resize(ref _postings, _postings.Length * 2);
        }

        _termIds[term.ToString()] = id;
        return id;
    }

    private void EnsureDocCapacity(int capacity)
    {
        if (capacity <= _ids.Length)
        {
            return;
        }

        var size = Math.Max(capacity, _ids.Length * 2);
        Array.Resize(ref _ids, size);
        Array.Resize(ref _texts, size);
        Array.Resize(ref _translations, size);
        Array.Resize(ref _context, size);
        Array.Resize(ref _punctuationCounts, size);
        Array.Resize(ref _tagCounts, size);
        Array.Resize(ref _wordCounts, size);
        Array.Resize(ref _distinctTerms, size);
        Array.Resize(ref _deleted, size);
    }

    private readonly record struct AddState(MemoryIndex Index, List<int> Terms);

    /// <summary>A growable sorted list of document numbers.</summary>
    private struct PostingList
    {
        public int[]? Docs;
        public int Count;

        public void Add(int doc)
        {
            if (Docs is null)
            {
                Docs = new int[2];
            }
            else if (Count == Docs.Length)
            {
                Array.Resize(ref Docs, Docs.Length < 1024 ? Docs.Length * 2 : Docs.Length + (Docs.Length / 2));
            }

            Docs[Count++] = doc;
        }
    }

    /// <summary>Per-thread buffers of a lookup, reused so a lookup allocates little.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        public ushort[] Counts = [];
        public int[] Touched = new int[1024];
        public char[] Fold = new char[256];
        public List<int> Terms = [];
        public List<MatchToken> DocTokens = [];
        public List<(int Doc, int Shared)> Candidates = [];

        public static Scratch Get() => _current ??= new Scratch();

        public void EnsureFold(int length)
        {
            if (Fold.Length < length)
            {
                Fold = new char[Math.Max(length, Fold.Length * 2)];
            }
        }

        public void EnsureDocs(int docs)
        {
            if (Counts.Length < docs)
            {
                Counts = new ushort[Math.Max(docs + 1024, Counts.Length * 3 / 2)];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Touch(int index, int doc)
        {
            if (index == Touched.Length)
            {
                Array.Resize(ref Touched, Touched.Length * 2);
            }

            Touched[index] = doc;
        }
    }
}
