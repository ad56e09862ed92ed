namespace Tarjuma.Core.Matching;

public sealed partial class MemoryIndex
{
    /// <summary>Documents with the same text are chained per bucket; rebuilt twice as big past this load.</summary>
    private const int ExactLoadFactor = 2;

    private ExactTable _exact = new(1024);

    /// <summary>
    /// The published, live documents whose text is exactly <paramref name="text"/> (NFC). An exact
    /// match must never depend on the term filter: units that differ only in a number share every
    /// term, so the filter alone could rank an identical unit out.
    /// </summary>
    private List<int> ExactDocs(string text, int published)
    {
        var docs = new List<int>();
        var table = Volatile.Read(ref _exact);
        var doc = Volatile.Read(ref table.Heads[table.Bucket(text)]) - 1;
        while (doc >= 0)
        {
            // Chains run newest first; documents not yet published by the time this reader began are skipped.
            if (doc < published && !IsDeleted(doc, published) && string.Equals(_texts[doc].Text, text, StringComparison.Ordinal))
            {
                docs.Add(doc);
            }

            doc = table.Next[doc] - 1;
        }

        return docs;
    }

    /// <summary>Chains a new document in (writer, under the write lock, after its text is stored).</summary>
    private void AddExact(int doc, string text)
    {
        var table = _exact;
        if (doc >= table.Next.Length || doc >= table.Heads.Length * ExactLoadFactor)
        {
            // Readers keep walking the old table; the new one is complete before it is published.
            table = new ExactTable(Math.Max(table.Next.Length * 2, doc + 1));
            for (var d = 0; d < doc; d++)
            {
                table.Insert(d, table.Bucket(_texts[d].Text));
            }

            table.Insert(doc, table.Bucket(text));
            Volatile.Write(ref _exact, table);
            return;
        }

        table.Insert(doc, table.Bucket(text));
    }

    /// <summary>A chained hash table of document texts: heads per bucket and a next link per document (1-based, 0 ends).</summary>
    private sealed class ExactTable(int capacity)
    {
        public int[] Heads { get; } = new int[Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity))];

        public int[] Next { get; } = new int[capacity];

        public int Bucket(string text) => (int)(Fnv.Hash(text) & (ulong)(Heads.Length - 1));

        /// <summary>The link first, then the head: a reader reaching the document finds its link.</summary>
        public void Insert(int doc, int bucket)
        {
            Next[doc] = Heads[bucket];
            Volatile.Write(ref Heads[bucket], doc + 1);
        }
    }
}
