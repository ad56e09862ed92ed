namespace Tarjuma.Alignment;

/// <summary>
/// The feature vector of one non-empty bead, the input of the learned scorer. The order is part of
/// the shipped model: changing it means retraining (<c>align-train</c>).
/// </summary>
internal static class BeadFeatures
{
    public const int Count = 24;

    public static readonly string[] Names =
    [
        "gc_cost", "abs_log_ratio", "is_1_2", "is_2_1", "is_2_2", "is_1_3", "is_3_1",
        "anchor_match", "anchor_miss", "name_match", "name_rate_source", "name_rate_target",
        "latin_match", "latin_miss", "punct_diff", "lex_source", "lex_target", "lex_min_part",
        "gc_cost_merge", "min_part_length", "cognate_match", "cognate_rate", "min_part_any", "at_start",
    ];

    /// <summary>Bead shapes searched: (source count, target count). Index is stored in back-pointers.</summary>
    public static readonly (int Source, int Target)[] Shapes =
        [(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)];

    /// <summary>Fills <paramref name="features"/> for the bead source [i0, i0+a) × target [j0, j0+b); a, b ≥ 1.</summary>
    public static void Compute(DocumentPair doc, CellCache cells, int i0, int a, int j0, int b, Span<float> features)
    {
        int sourceLength = 0, targetLength = 0, sourceStems = 0, targetStems = 0, sourceAnchors = 0, targetAnchors = 0;
        int sourceNames = 0, targetNames = 0, sourceLatin = 0, sourceCognates = 0;
        var sourcePunctuation = default(Evidence.PunctuationCounts);
        var targetPunctuation = default(Evidence.PunctuationCounts);
        int minSourceLength = int.MaxValue, minTargetLength = int.MaxValue;
        for (var s = i0; s < i0 + a; s++)
        {
            var e = doc.Source[s];
            sourceLength += e.Length;
            sourceStems += e.Stems.Length;
            sourceAnchors += e.Anchors.Length;
            sourceNames += e.Names.Length;
            sourceLatin += e.Latin.Length;
            sourceCognates += e.Cognates.Length;
            sourcePunctuation += e.Punctuation;
            minSourceLength = Math.Min(minSourceLength, e.Length);
        }

        for (var t = j0; t < j0 + b; t++)
        {
            var e = doc.Target[t];
            targetLength += e.Length;
            targetStems += e.Stems.Length;
            targetAnchors += e.Anchors.Length;
            targetNames += e.Names.Length;
            targetPunctuation += e.Punctuation;
            minTargetLength = Math.Min(minTargetLength, e.Length);
        }

        int sourceCovered = 0, targetCovered = 0, anchors = 0, names = 0, latin = 0, cognates = 0;
        var minPart = 1f;
        Span<int> targetPartCovered = stackalloc int[3];
        targetPartCovered.Clear();
        Span<bool> targetPartAny = stackalloc bool[3];
        targetPartAny.Clear();
        var everyPartAny = true;
        for (var s = i0; s < i0 + a; s++)
        {
            var partCovered = 0;
            var partAny = false;
            for (var t = j0; t < j0 + b; t++)
            {
                var cell = cells.Get(s, t);
                sourceCovered += cell.SourceCovered;
                targetCovered += cell.TargetCovered;
                anchors += cell.Anchors;
                names += cell.Names;
                latin += cell.Latin;
                cognates += cell.Cognates;
                partAny |= cell.Any;
                targetPartAny[t - j0] |= cell.Any;
                partCovered += cell.SourceCovered;
                targetPartCovered[t - j0] += cell.TargetCovered;
            }

            minPart = Math.Min(minPart, Rate(partCovered, doc.Source[s].Stems.Length));
            everyPartAny &= partAny;
        }

        for (var t = j0; t < j0 + b; t++)
        {
            everyPartAny &= targetPartAny[t - j0];
            minPart = Math.Min(minPart, Rate(targetPartCovered[t - j0], doc.Target[t].Stems.Length));
        }

        var gc = (float)doc.Length.Cost(sourceLength, targetLength);
        var merge = a != 1 || b != 1;
        features[0] = gc;
        features[1] = (float)Math.Abs(Math.Log((targetLength + 10.0) / ((doc.Length.Ratio * sourceLength) + 10.0)));
        features[2] = a == 1 && b == 2 ? 1 : 0;
        features[3] = a == 2 && b == 1 ? 1 : 0;
        features[4] = a == 2 && b == 2 ? 1 : 0;
        features[5] = a == 1 && b == 3 ? 1 : 0;
        features[6] = a == 3 && b == 1 ? 1 : 0;
        features[7] = Math.Min(anchors, 5);
        features[8] = Math.Min(Math.Max(sourceAnchors + targetAnchors - (2 * anchors), 0), 10);
        features[9] = Math.Min(names, 5);
        features[10] = Rate(names, sourceNames);
        features[11] = Rate(names, targetNames);
        features[12] = Math.Min(latin, 5);
        features[13] = Math.Min(Math.Max(sourceLatin - latin, 0), 5);
        features[14] = Math.Min(sourcePunctuation.Difference(targetPunctuation), 6);
        features[15] = Rate(sourceCovered, sourceStems);
        features[16] = Rate(targetCovered, targetStems);
        features[17] = doc.HasLexicon ? minPart : 0;
        features[18] = merge ? gc : 0;
        features[19] = merge
            ? Math.Min(a > 1 ? (float)minSourceLength / Math.Max(1, sourceLength) : 1f, b > 1 ? (float)minTargetLength / Math.Max(1, targetLength) : 1f)
            : 0;
        features[20] = Math.Min(cognates, 5);
        features[21] = Rate(cognates, sourceCognates);
        features[22] = everyPartAny ? 1 : 0;
        features[23] = i0 == 0 && j0 == 0 ? 1 : 0;
    }

    private static float Rate(int part, int whole) => whole == 0 ? 0 : Math.Min(1f, (float)part / whole);
}
