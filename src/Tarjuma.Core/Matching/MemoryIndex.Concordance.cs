using System.Buffers;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

public sealed partial class MemoryIndex
{
    /// <summary>Shortest phrase searched (folded characters): one letter would list most of the memory.</summary>
    public const int MinConcordanceLength = 2;

    /// <summary>Longest phrase searched; a concordance phrase is a few words.</summary>
    public const int MaxConcordanceLength = 500;

    /// <summary>
    /// Units whose text contains <paramref name="phrase"/> after folding (so "Рахмон" finds
    /// "Раҳмон", "ташкилот" finds "Ташкилот"), starting at a word start; the last word may be
    /// the beginning of a word ("Раҳмо" finds "Раҳмон"). Paged by <paramref name="skip"/> and
    /// <paramref name="take"/>; <see cref="ConcordancePage.Total"/> counts all matching units.
    /// </summary>
    public ConcordancePage Concordance(string phrase, int skip = 0, int take = 20)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        if (skip < 0 || take is < 0 or > 1_000)
        {
            throw TarjumaException.InvalidArgument("page", "skip must be >= 0 and take 0-1000.");
        }

        var normalized = string.Join(' ', TextNormalizer.ToNfc(phrase).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (normalized.Length < MinConcordanceLength || normalized.Length > MaxConcordanceLength)
        {
            throw TarjumaException.InvalidArgument("phrase", $"a concordance phrase has {MinConcordanceLength}-{MaxConcordanceLength} characters.");
        }

        var folded = TextFolding.Fold(normalized);
        var tokens = Tokenizer.Tokenize(new SegmentText(normalized), Convention);
        var words = tokens.Where(t => t.Kind == TokenKind.Word).ToList();
        var lastIsPrefix = words.Count > 0 && words[^1].Start + words[^1].Length == normalized.Length;

        var published = PublishedDocs;
        var candidates = CandidateDocs(folded, words, lastIsPrefix, published);
        var hits = new List<ConcordanceHit>();
        var total = 0;
        var buffer = ArrayPool<char>.Shared.Rent(256);
        try
        {
            foreach (var doc in candidates)
            {
                if (IsDeleted(doc, published))
                {
                    continue;
                }

                var text = _texts[doc].Text;
                if (buffer.Length < text.Length)
                {
                    ArrayPool<char>.Shared.Return(buffer);
                    buffer = ArrayPool<char>.Shared.Rent(text.Length);
                }

                var span = buffer.AsSpan(0, text.Length);
                TextFolding.Fold(text, span);
                var ranges = FindAll(span, folded);
                if (ranges.Count == 0)
                {
                    continue;
                }

                if (total >= skip && hits.Count < take)
                {
                    hits.Add(new ConcordanceHit(_ids[doc], _texts[doc], TranslationOf(doc), ranges));
                }

                total++;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        return new ConcordancePage(hits, total);
    }

    private static List<TextRange> FindAll(ReadOnlySpan<char> text, string phrase)
    {
        var ranges = new List<TextRange>();
        var from = 0;
        while (from <= text.Length - phrase.Length)
        {
            var at = text[from..].IndexOf(phrase, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            at += from;
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                ranges.Add(new TextRange(at, phrase.Length));
                from = at + phrase.Length;
            }
            else
            {
                from = at + 1;
            }
        }

        return ranges;
    }

    private bool AddDatePostings(List<int> docs, ReadOnlySpan<char> word, bool prefix, int published)
    {
        if (!DateValue.IsDateWord(word, prefix) || !_termLookup.TryGetValue(SegmentTerms.DateTerm, out var dateId))
        {
            return false;
        }

        docs.AddRange(Volatile.Read(ref _postings)[dateId].Below(published));
        return true;
    }

    /// <summary>Units holding every complete word of the phrase (and a word starting with the last one), ascending.</summary>
    private IEnumerable<int> CandidateDocs(string folded, List<MatchToken> words, bool lastIsPrefix, int published)
    {
        var lists = new List<List<int>>();
        for (var i = 0; i < words.Count; i++)
        {
            var term = folded.AsSpan(words[i].Start, words[i].Length);
            if (i == words.Count - 1 && lastIsPrefix)
            {
                if (words.Count > 1)
                {
                    continue;
                }

                var union = new List<int>();
                foreach (var (key, id) in _termIds)
                {
                    if (key.StartsWith(term, StringComparison.Ordinal))
                    {
                        union.AddRange(Volatile.Read(ref _postings)[id].Below(published));
                    }
                }

                AddDatePostings(union, term, true, published);
                union.Sort();
                lists.Add(union);
                continue;
            }

            var found = new List<int>();
            if (_termLookup.TryGetValue(term, out var termId))
            {
                found.AddRange(Volatile.Read(ref _postings)[termId].Below(published));
            }

            // A month name or "соли" inside a date ("15-уми марти соли 2023") is not a term of its own: units with dates are candidates too.
            if (AddDatePostings(found, term, false, published))
            {
                found.Sort();
            }

            if (found.Count == 0)
            {
                return [];
            }

            lists.Add(found);
        }

        if (lists.Count == 0)
        {
            return Enumerable.Range(0, published);
        }

        lists.Sort((a, b) => a.Count.CompareTo(b.Count));
        IEnumerable<int> result = lists[0].Distinct();
        for (var i = 1; i < lists.Count; i++)
        {
            var other = lists[i];
            result = result.Where(doc => other.BinarySearch(doc) >= 0);
        }

        return result.ToList();
    }
}
