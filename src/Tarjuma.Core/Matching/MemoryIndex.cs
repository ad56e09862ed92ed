using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// The in-memory retrieval index of one side of one memory. Terms are the folded words of each
/// segment (plus one class term per placeable kind); a lookup counts shared terms over the
/// posting lists of the query's rarest terms (prefix filtering: a match at the minimum score must
/// share one of them), drops candidates outside the length window the score allows, ranks the
/// rest by shared terms and re-scores the best <see cref="MatchOptions.CandidateCount"/> exactly
/// with <see cref="FuzzyScorer"/>. Thread-safe without read locks: one writer at a time appends
/// (a unit's data first, then its postings, then the document count is published), and a reader
/// works on the documents below the count it read at its start, so lookups never wait for writes
/// and writes never wait for lookups. Units are kept as their two <see cref="SegmentText"/>s and id only.
/// </summary>
public sealed partial class MemoryIndex : IDisposable
{
    /// <summary>Distinct query terms considered at most (pathological input; a real segment has far fewer).</summary>
    private const int MaxQueryTerms = 1_000;

    /// <summary>Serialises writers; readers take no lock.</summary>
    private readonly Lock _writeLock = new();

    /// <summary>Writers only.</summary>
    private readonly Dictionary<long, int> _docById = [];
    private readonly ConcurrentDictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private PostingList[] _postings = new PostingList[1024];
    private int _termCount;
    private long[] _ids = new long[1024];
    private SegmentText[] _texts = new SegmentText[1024];
    /// <summary>
    /// Per document its translation: UTF-8 bytes when it has no tags, else the <see cref="SegmentText"/>. Read only for results, so
    /// kept small: about half the bytes of an English string and its object (issue #12: memory per million units).
    /// </summary>
    private object[] _translations = new object[1024];
    private ulong[] _context = new ulong[1024];
    /// <summary>Per document its token and term counts in one record: a candidate's filters read one cache line, not four (issue #12).</summary>
    private DocCounts[] _counts = new DocCounts[1024];
    /// <summary>
    /// Per document its tokens (high byte) and words (low byte), each saturated at 255: a quarter of a count record, read for every
    /// posting a lookup counts, so that units too long or too short to reach its score are left out before they are counted
    /// (see <see cref="MayReach(int, int, int, int)"/>).
    /// </summary>
    private ushort[] _lengths = new ushort[1024];
    /// <summary>Units added per word count (saturated at 255; deletions not taken off): only to choose whether a lookup's length
    /// window leaves out enough units to pay for reading their lengths (see <see cref="LengthWindowPays"/>).</summary>
    private readonly int[] _wordCounts = new int[256];
    /// <summary>0 while live; else the published count from which the document is gone (see <see cref="IsDeleted"/>).</summary>
    private int[] _deletedAt = new int[1024];
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
    public int Count => Volatile.Read(ref _liveCount);

    /// <summary>The documents a reader may see: every one below this count is complete.</summary>
    private int PublishedDocs => Volatile.Read(ref _docCount);

    /// <summary>
    /// Whether a reader that began at <paramref name="published"/> documents should skip <paramref name="doc"/>.
    /// A replaced unit is gone only for readers that can see its replacement, so none misses both.
    /// </summary>
    private bool IsDeleted(int doc, int published)
    {
        var at = Volatile.Read(ref _deletedAt[doc]);
        return at != 0 && at <= published;
    }

    /// <summary>Builds the index of one side from a stream of units (the store's <c>StreamUnitsAsync</c>).</summary>
    public static async Task<MemoryIndex> BuildAsync(IAsyncEnumerable<TranslationUnit> units, LanguageTag sourceLanguage, LanguageTag targetLanguage,
        MemorySide side, CancellationToken cancellationToken = default)
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
        Add(unit.Id, text, translation, context);
    }

    /// <summary>Replaces a unit (same as <see cref="Add(TranslationUnit)"/>).</summary>
    public void Update(TranslationUnit unit) => Add(unit);

    /// <summary>
    /// Entries of replaced and removed units still in the posting lists (they are skipped, not
    /// removed, so that readers need no lock); <see cref="Compact"/> drops them.
    /// </summary>
    public int DeadCount => Volatile.Read(ref _docCount) - Volatile.Read(ref _liveCount);

    /// <summary>
    /// A new index holding only the live units, in the same order (so the same results). Reads this
    /// index as any reader does; writes made meanwhile are not in the copy, so the owner must hold
    /// its writes back until it has swapped the copy in.
    /// </summary>
    public MemoryIndex Compact()
    {
        var copy = new MemoryIndex(Side == MemorySide.Source ? Language : TranslationLanguage, Side == MemorySide.Source ? TranslationLanguage : Language,
            Side);
        var published = PublishedDocs;
        for (var doc = 0; doc < published; doc++)
        {
            if (!IsDeleted(doc, published))
            {
                copy.Add(_ids[doc], _texts[doc], TranslationOf(doc), _context[doc]);
            }
        }

        return copy;
    }

    private void Add(long id, SegmentText text, SegmentText translation, ulong context)
    {
        var tokens = Tokenizer.Tokenize(text, Convention);
        var scratch = Scratch.Get();
        scratch.EnsureFold(text.Text.Length);
        scratch.Terms.Clear();

        int words = 0, marks = 0, tags = 0;
        foreach (var token in tokens)
        {
            words += token.IsTermBearing ? 1 : 0;
            marks += token.Kind == TokenKind.Punctuation ? 1 : 0;
            tags += token.Kind == TokenKind.Tag ? 1 : 0;
        }

        // Term ids are assigned under the lock (one writer at a time); tokenising is not.
        lock (_writeLock)
        {
            var doc = _docCount;
            EnsureDocCapacity(doc + 1);
            var state = new AddState(this, scratch.Terms);
            SegmentTerms.Visit(text.Text, tokens, scratch.Fold, ref state, static (ref AddState s,
                ReadOnlySpan<char> term) => s.Terms.Add(s.Index.InternTerm(term)));
            scratch.Terms.Sort();
            var distinct = 0;
            for (var i = 0; i < scratch.Terms.Count; i++)
            {
                distinct += i == 0 || scratch.Terms[i] != scratch.Terms[i - 1] ? 1 : 0;
            }

            // The document's data before its postings, its postings before the count: a reader that
            // finds the document anywhere finds it whole.
            _ids[doc] = id;
            _texts[doc] = text;
            _translations[doc] = CompactTranslation(translation);
            _context[doc] = context;
            SetCounts(doc, new DocCounts(Saturate(words), Saturate(marks), Saturate(tags), Saturate(distinct)));
            for (var i = 0; i < scratch.Terms.Count; i++)
            {
                if (i == 0 || scratch.Terms[i] != scratch.Terms[i - 1])
                {
                    _postings[scratch.Terms[i]].Add(doc, _lengths);
                }
            }

            AddExact(doc, text.Text);
            Volatile.Write(ref _docCount, doc + 1);

            // A replaced unit is hidden from readers that see its successor (IsDeleted); older readers still see it.
            if (_docById.TryGetValue(id, out var old))
            {
                _deletedAt[old] = doc + 1;
            }
            else
            {
                Interlocked.Increment(ref _liveCount);
            }

            _docById[id] = doc;
        }
    }

    /// <summary>Removes a unit; false when it was not indexed.</summary>
    public bool Remove(long id)
    {
        lock (_writeLock)
        {
            if (!_docById.Remove(id, out var doc))
            {
                return false;
            }

            _deletedAt[doc] = _docCount;
            Interlocked.Decrement(ref _liveCount);
            return true;
        }
    }

    public void Dispose()
    {
        // Nothing to release since reads take no lock; kept so owners need not change when that changes again.
    }

    /// <summary>The weighted length of a unit's indexed text (see <see cref="FuzzyScorer.Weight(int, int, int, MatchOptions)"/>).</summary>
    private int WeightOf(int doc, MatchOptions options) => _counts[doc].Weight(options);

    /// <summary>The translation of a document as stored (see <see cref="_translations"/>).</summary>
    private SegmentText TranslationOf(int doc) =>
        _translations[doc] is byte[] utf8 ? new SegmentText(System.Text.Encoding.UTF8.GetString(utf8)) : (SegmentText)_translations[doc];

    /// <summary>
    /// What <see cref="_translations"/> keeps of a translation. Text with surrogates (possibly unpaired) stays a string, so the bytes
    /// always round-trip.
    /// </summary>
    private static object CompactTranslation(SegmentText translation) =>
        translation.Tags.IsEmpty && !translation.Text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')
            ? System.Text.Encoding.UTF8.GetBytes(translation.Text)
            : translation;

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

        // The posting list exists before the term can be found: a reader that finds the id finds its list.
        id = _termCount++;
        if (id == _postings.Length)
        {
            var grown = new PostingList[_postings.Length * 2];
            Array.Copy(_postings, grown, _postings.Length);
            Volatile.Write(ref _postings, grown);
        }

        _postings[id] = new PostingList();
        _termIds[term.ToString()] = id;
        return id;
    }

    private void EnsureDocCapacity(int capacity)
    {
        if (capacity <= _ids.Length)
        {
            return;
        }

        // Grown copies hold every published document; the count is published after them (Volatile.Write in Add).
        var size = Math.Max(capacity, _ids.Length * 2);
        _ids = Grow(_ids, size);
        _texts = Grow(_texts, size);
        _translations = Grow(_translations, size);
        _context = Grow(_context, size);
        _counts = Grow(_counts, size);
        _lengths = Grow(_lengths, size);
        _deletedAt = Grow(_deletedAt, size);
    }

    private static T[] Grow<T>(T[] array, int size)
    {
        var grown = new T[size];
        Array.Copy(array, grown, array.Length);
        return grown;
    }

    private readonly record struct AddState(MemoryIndex Index, List<int> Terms);

    private void SetCounts(int doc, DocCounts counts)
    {
        _counts[doc] = counts;
        var tokens = Math.Min(255, counts.Words + counts.Punctuation + counts.Tags);
        _lengths[doc] = (ushort)((tokens << 8) | Math.Min(255, (int)counts.Words));
        _wordCounts[Math.Min(255, (int)counts.Words)]++;
    }

    /// <summary>
    /// Whether the length window of a query rules out at least half the units, estimated from the word counts with a unit's tokens
    /// taken as its words and a quarter more (its marks): at low thresholds a short query's window admits nearly every unit, and
    /// reading each posting's length then only adds to the counting.
    /// </summary>
    private bool LengthWindowPays(int queryWords, int queryWeight, int minScore)
    {
        long admitted = 0, total = 0;
        for (var words = 0; words < _wordCounts.Length; words++)
        {
            var units = Volatile.Read(ref _wordCounts[words]);
            total += units;
            admitted += MayReach(words, words + (words / 4), queryWords, queryWeight, minScore) ? units : 0;
        }

        return admitted * 2 <= total;
    }

    /// <summary>
    /// False when the document's word count alone rules it out at <paramref name="minScore"/>: a word more on one side is a full
    /// edit, so a match needs 100·|words − words'| ≤ (100 − min)·L/100 with L the larger weighted length, and a unit's is at most
    /// 100 per token (penalties are at most a full edit). The candidate filter's own test, on the compact lengths.
    /// </summary>
    private bool MayReach(int doc, int queryWords, int queryWeight, int minScore)
    {
        var lengths = _lengths[doc];
        return MayReach(lengths & 0xFF, lengths >> 8, queryWords, queryWeight, minScore);
    }

    private static bool MayReach(int words, int tokens, int queryWords, int queryWeight, int minScore) =>
        tokens >= 255 || 10_000L * Math.Abs(queryWords - words) <= (long)(100 - minScore) * Math.Max(queryWeight, 100 * tokens);

    /// <summary>A document's term-bearing tokens (words and placeables), marks, tags and distinct index terms, each saturated.</summary>
    private readonly record struct DocCounts(ushort Words, ushort Punctuation, ushort Tags, ushort Distinct)
    {
        /// <summary>The weighted length (see <see cref="FuzzyScorer.Weight(int, int, int, MatchOptions)"/>).</summary>
        public int Weight(MatchOptions options) => FuzzyScorer.Weight(Words, Punctuation, Tags, options);
    }

    /// <summary>
    /// A growable ascending list of document numbers: one writer appends, readers read the count and
    /// then the array (a grown array holds every counted entry, so that order is always safe). A list of a common term also
    /// keeps a bitmap of its documents, so that a candidate is looked up in it with one read instead of a binary search
    /// whose every step misses the cache (issue #12: checking candidates' remaining terms on a million units).
    /// </summary>
    private sealed class PostingList
    {
        /// <summary>
        /// A list gets its bitmap once it holds this many entries and at least 1/<see cref="BitmapShare"/> of the documents so far:
        /// the bitmap then takes at most twice the list's own memory (the 42 commonest terms of a million units, 4.7 MB).
        /// </summary>
        private const int BitmapMinimum = 4_096;

        private const int BitmapShare = 64;

        /// <summary>The largest word count with a list of its own in <see cref="ByWords"/>.</summary>
        public const int ByWordsMax = 8;

        private int[] _docs;
        private int _count;

        /// <summary>Bit d set when document d is in the list; null for lists without one. Set before the document is published.</summary>
        private ulong[]? _bits;

        /// <summary>
        /// With the bitmap: per word count 0–<see cref="ByWordsMax"/>, this list's documents of that many words, ascending. A short
        /// query at a low threshold admits only short units it has not met before, and the commonest lists (a number, <c>ба</c>) are
        /// mostly longer units (issue #12: "2015 Кӯтоҳ" at min 50 spent 70 % of its 8 ms walking the list of every unit with a number).
        /// They cost the server about 6 MiB on the 1M-unit memory.
        /// </summary>
        private PostingList[]? _byWords;

        /// <summary>A list of one word count (<see cref="_byWords"/>): neither bitmap nor lists of its own.</summary>
        private readonly bool _plain;

        public PostingList()
            : this(plain: false)
        {
        }

        private PostingList(bool plain)
        {
            _docs = new int[2];
            _plain = plain;
        }

        /// <summary>A list read from a snapshot: ascending documents, taken as they are; <paramref name="lengths"/> as the index keeps them.</summary>
        public PostingList(int[] docs, ushort[] lengths)
        {
            _docs = docs;
            _count = docs.Length;
            if (docs.Length >= BitmapMinimum && (long)docs.Length * BitmapShare >= docs[^1])
            {
                _bits = Bitmap(docs, docs.Length, docs[^1]);
                _byWords = ByWordCount(docs, docs.Length, lengths);
            }
        }

        /// <summary>Entries now (grows while read; take <see cref="Below"/> for a stable view).</summary>
        public int Count => Volatile.Read(ref _count);

        /// <summary>The entries below document <paramref name="limit"/> (a reader's published count).</summary>
        public ReadOnlySpan<int> Below(int limit)
        {
            var count = Volatile.Read(ref _count);
            var docs = Volatile.Read(ref _docs).AsSpan(0, count);
            while (count > 0 && docs[count - 1] >= limit)
            {
                count--;
            }

            return docs[..count];
        }

        /// <summary>Whether the list keeps a bitmap (<see cref="Contains"/> is then one read).</summary>
        public bool HasBitmap => Volatile.Read(ref _bits) is not null;

        /// <summary>
        /// Per word count 0–<see cref="ByWordsMax"/> (the index's <c>_lengths</c>), the documents of that many words (take
        /// <see cref="Below"/> of each); null for a list without a bitmap. A published document of the list with at most
        /// <see cref="ByWordsMax"/> words is in the one of its word count.
        /// </summary>
        public PostingList[]? ByWords => Volatile.Read(ref _byWords);

        /// <summary>Whether <paramref name="doc"/>, below the reader's <paramref name="published"/> count, is in the list.</summary>
        public bool Contains(int doc, int published)
        {
            // A reader that can see the document sees the bitmap that holds it (it was set, or grown, before the document was published).
            var bits = Volatile.Read(ref _bits);
            return bits is not null && doc >> 6 < bits.Length ? (bits[doc >> 6] & (1UL << doc)) != 0 : Below(published).BinarySearch(doc) >= 0;
        }

        /// <summary>Appends <paramref name="doc"/>, whose length (and every earlier document's) is in <paramref name="lengths"/>.</summary>
        public void Add(int doc, ushort[] lengths)
        {
            var docs = _docs;
            if (_count == docs.Length)
            {
                var grown = new int[docs.Length < 1024 ? docs.Length * 2 : docs.Length + (docs.Length / 2)];
                Array.Copy(docs, grown, docs.Length);
                Volatile.Write(ref _docs, grown);
                docs = grown;
            }

            docs[_count] = doc;
            var bits = _bits;
            if (_plain)
            {
                // A list of one word count keeps nothing else.
            }
            else if (bits is null)
            {
                if (_count + 1 >= BitmapMinimum && (_count + 1L) * BitmapShare >= doc)
                {
                    Volatile.Write(ref _byWords, ByWordCount(docs, _count + 1, lengths));
                    Volatile.Write(ref _bits, Bitmap(docs, _count + 1, doc + (doc / 2)));
                }
            }
            else
            {
                var words = lengths[doc] & 0xFF;
                if (words <= ByWordsMax)
                {
                    _byWords![words].Add(doc, lengths);
                }

                if (doc >> 6 >= bits.Length)
                {
                    var grown = new ulong[Math.Max((doc >> 6) + 1, bits.Length + (bits.Length / 2))];
                    Array.Copy(bits, grown, bits.Length);
                    Volatile.Write(ref _bits, grown);
                    bits = grown;
                }

                bits[doc >> 6] |= 1UL << doc;
            }

            Volatile.Write(ref _count, _count + 1);
        }

        private static PostingList[] ByWordCount(int[] docs, int count, ushort[] lengths)
        {
            var lists = new PostingList[ByWordsMax + 1];
            for (var words = 0; words < lists.Length; words++)
            {
                lists[words] = new PostingList(plain: true);
            }

            foreach (var doc in docs.AsSpan(0, count))
            {
                var words = lengths[doc] & 0xFF;
                if (words <= ByWordsMax)
                {
                    lists[words].Add(doc, lengths);
                }
            }

            return lists;
        }

        private static ulong[] Bitmap(int[] docs, int count, int capacity)
        {
            var bits = new ulong[(capacity >> 6) + 1];
            foreach (var doc in docs.AsSpan(0, count))
            {
                bits[doc >> 6] |= 1UL << doc;
            }

            return bits;
        }
    }

    /// <summary>Per-thread buffers of a lookup, reused so a lookup allocates little.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        public ushort[] Counts = [];

        /// <summary>Per document, the class terms (see <see cref="SegmentTerms.ClassMark"/>) among its shared prefix terms.</summary>
        public byte[] ClassCounts = [];

        /// <summary>Per document, 1 + its exact count of shared query terms once searched in every list (0: not yet), for the
        /// documents in <see cref="Remembered"/>; kept apart from the counts, which the posting-list scan keeps in cache.</summary>
        public ushort[] Shared = [];

        public List<int> Remembered = [];

        /// <summary>Per document, what the lists walked for a search's candidates add to their counts (zero between searches).</summary>
        public ushort[] Extra = [];

        /// <summary>The documents with a non-zero <see cref="Extra"/> entry.</summary>
        public List<int> ExtraDocs = [];

        public int[] Touched = new int[1024];
        public char[] Fold = new char[256];
        public List<int> Terms = [];
        public List<MatchToken> DocTokens = [];
        public List<(int Doc, int Shared, int Classes)> Candidates = [];


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
                ClassCounts = new byte[Counts.Length];
                Shared = new ushort[Counts.Length];
                Extra = new ushort[Counts.Length];
            }
        }

        public void Remember(int doc, int shared)
        {
            if (Shared[doc] == 0)
            {
                Remembered.Add(doc);
            }

            Shared[doc] = (ushort)(shared + 1);
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
