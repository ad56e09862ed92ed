using Tarjuma.Alignment.Evidence;

namespace Tarjuma.Alignment;

/// <summary>
/// Two documents' sentence evidence, with stems interned to integers and each sentence's lexicon
/// translations resolved to the other document's vocabulary, so that comparing two sentences is a
/// merge of sorted integer arrays. Tajik is always the source side here.
/// </summary>
internal sealed class DocumentPair
{
    public DocumentPair(SentenceEvidence[] source, SentenceEvidence[] target, BilingualLexicon lexicon, LengthModel length)
    {
        Source = source;
        Target = target;
        Length = length;
        HasLexicon = lexicon.Count > 0;
        var sourceVocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var targetVocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        SourceStems = Intern(source, sourceVocabulary);
        TargetStems = Intern(target, targetVocabulary);
        SourceTranslations = new int[source.Length][];
        var reverse = new Dictionary<int, List<int>>();
        foreach (var (stem, sourceId) in sourceVocabulary)
        {
            foreach (var translation in lexicon.Translations(stem))
            {
                if (targetVocabulary.TryGetValue(translation, out var targetId))
                {
                    if (!reverse.TryGetValue(targetId, out var list))
                    {
                        reverse[targetId] = list = [];
                    }

                    list.Add(sourceId);
                }
            }
        }

        for (var s = 0; s < source.Length; s++)
        {
            SourceTranslations[s] = SortedUnion(source[s].Stems.Select(stem => lexicon.Translations(stem))
                .SelectMany(t => t).Select(t => targetVocabulary.TryGetValue(t, out var id) ? id : -1).Where(id => id >= 0));
        }

        TargetTranslations = new int[target.Length][];
        for (var t = 0; t < target.Length; t++)
        {
            TargetTranslations[t] = SortedUnion(TargetStems[t].SelectMany(id => reverse.TryGetValue(id, out var list) ? list : (IEnumerable<int>)[]));
        }
    }

    public SentenceEvidence[] Source { get; }

    public SentenceEvidence[] Target { get; }

    public LengthModel Length { get; }

    public bool HasLexicon { get; }

    /// <summary>Sorted stem ids of each source sentence.</summary>
    public int[][] SourceStems { get; }

    public int[][] TargetStems { get; }

    /// <summary>Sorted target stem ids that translate some stem of the source sentence.</summary>
    public int[][] SourceTranslations { get; }

    /// <summary>Sorted source stem ids that some stem of the target sentence translates.</summary>
    public int[][] TargetTranslations { get; }

    /// <summary>The evidence shared by source sentence <paramref name="s"/> and target sentence <paramref name="t"/>.</summary>
    public CellStats Compare(int s, int t)
    {
        var source = Source[s];
        var target = Target[t];
        return new CellStats(
            SourceCovered: (short)CountCommon(SourceStems[s], TargetTranslations[t]),
            TargetCovered: (short)CountCommon(TargetStems[t], SourceTranslations[s]),
            Anchors: (short)CountCommon(source.Anchors, target.Anchors),
            Names: (short)CountNames(source.Names, target.Names),
            Cognates: (short)CountNames(source.Cognates, target.Cognates),
            Latin: (short)CountCommon(source.Latin, target.Words));
    }

    private static int CountNames(string[] source, string[] target)
    {
        var count = 0;
        foreach (var s in source)
        {
            foreach (var t in target)
            {
                if (NameMatcher.Similar(s, t))
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    /// <summary>Size of the intersection of two sorted distinct arrays.</summary>
    private static int CountCommon<T>(T[] a, T[] b)
        where T : IComparable<T>
    {
        int i = 0, j = 0, count = 0;
        while (i < a.Length && j < b.Length)
        {
            var order = a[i].CompareTo(b[j]);
            if (order == 0)
            {
                count++;
                i++;
                j++;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return count;
    }

    private static int[][] Intern(SentenceEvidence[] sentences, Dictionary<string, int> vocabulary)
    {
        var result = new int[sentences.Length][];
        for (var i = 0; i < sentences.Length; i++)
        {
            var ids = new int[sentences[i].Stems.Length];
            for (var k = 0; k < ids.Length; k++)
            {
                var stem = sentences[i].Stems[k];
                if (!vocabulary.TryGetValue(stem, out var id))
                {
                    vocabulary[stem] = id = vocabulary.Count;
                }

                ids[k] = id;
            }

            Array.Sort(ids);
            result[i] = ids;
        }

        return result;
    }

    private static int[] SortedUnion(IEnumerable<int> ids)
    {
        var array = ids.Distinct().ToArray();
        Array.Sort(array);
        return array;
    }
}

/// <summary>Evidence shared by one source and one target sentence (counts).</summary>
internal readonly record struct CellStats(short SourceCovered, short TargetCovered, short Anchors, short Names, short Cognates, short Latin)
{
    /// <summary>True when the two sentences share any evidence at all.</summary>
    public bool Any => SourceCovered + TargetCovered + Anchors + Names + Cognates + Latin > 0;
}
