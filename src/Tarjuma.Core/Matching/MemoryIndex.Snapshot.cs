using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>What a snapshot file says it holds: checked against the store before the file is used.</summary>
/// <param name="Memory">The memory's name.</param>
/// <param name="CreatedAtTicks">The memory's creation time (UTC ticks): a memory deleted and created again under the name differs.</param>
/// <param name="Sequence">The store's change-log position that every change up to is in the snapshot (later ones may be too).</param>
public sealed record IndexSnapshotInfo(string Memory, long CreatedAtTicks, long Sequence);

public sealed partial class MemoryIndex
{
    /// <summary>The snapshot format; a file of another version is rebuilt from the store, never read.</summary>
    public const int SnapshotVersion = 1;

    private const int SnapshotBuffer = 1 << 20;

    private static ReadOnlySpan<byte> SnapshotMagic => "TJIX"u8;

    /// <summary>
    /// Writes the live units and their postings, as a reader starting now sees them, then an XxHash64
    /// of everything before it. Writes continue meanwhile (they are not in the file, and the caller's
    /// <paramref name="info"/> sequence must not claim them: read it before calling).
    /// </summary>
    public void WriteSnapshot(Stream stream, IndexSnapshotInfo info)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(info);
        var published = PublishedDocs;
        var number = new int[published];
        var live = 0;
        for (var doc = 0; doc < published; doc++)
        {
            number[doc] = IsDeleted(doc, published) ? -1 : live++;
        }

        // Terms from the dictionary first, then the posting array (a found id's list exists).
        var terms = _termIds.ToArray();
        var postings = Volatile.Read(ref _postings);
        var hashing = new HashingStream(stream);

        // Buffered before the hash, so it hashes large blocks rather than each field.
        using (var buffered = new BufferedStream(hashing, SnapshotBuffer))
        using (var writer = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(SnapshotMagic);
            writer.Write(SnapshotVersion);
            writer.Write(info.Memory);
            writer.Write(info.CreatedAtTicks);
            writer.Write(info.Sequence);
            writer.Write((byte)Side);
            writer.Write(Side == MemorySide.Source ? Language.Value : TranslationLanguage.Value);
            writer.Write(Side == MemorySide.Source ? TranslationLanguage.Value : Language.Value);
            writer.Write(live);
            for (var doc = 0; doc < published; doc++)
            {
                if (number[doc] < 0)
                {
                    continue;
                }

                writer.Write(_ids[doc]);
                WriteText(writer, _texts[doc]);
                WriteText(writer, TranslationOf(doc));
                writer.Write(_context[doc]);
                var counts = _counts[doc];
                writer.Write(counts.Punctuation);
                writer.Write(counts.Tags);
                writer.Write(counts.Words);
                writer.Write(counts.Distinct);
            }

            var kept = new List<int>();
            var nonEmpty = new List<(string Term, int[] Docs)>();
            foreach (var (term, id) in terms)
            {
                kept.Clear();
                foreach (var doc in postings[id].Below(published))
                {
                    if (number[doc] >= 0)
                    {
                        kept.Add(number[doc]);
                    }
                }

                if (kept.Count > 0)
                {
                    nonEmpty.Add((term, [.. kept]));
                }
            }

            writer.Write(nonEmpty.Count);
            foreach (var (term, docs) in nonEmpty)
            {
                writer.Write(term);
                writer.Write(docs.Length);
                foreach (var doc in docs)
                {
                    writer.Write(doc);
                }
            }

            writer.Flush();
            buffered.Flush();
        }

        Span<byte> hash = stackalloc byte[8];
        hashing.Hash.GetCurrentHash(hash);
        stream.Write(hash);
    }

    /// <summary>
    /// Reads a snapshot written by <see cref="WriteSnapshot"/>; throws <see cref="InvalidDataException"/>
    /// when the file is not one (magic, version, checksum, truncation, inconsistent content).
    /// The checksum is verified over the whole file before anything read from it is returned.
    /// </summary>
    public static (MemoryIndex Index, IndexSnapshotInfo Info) ReadSnapshot(string path)
    {
        // The checksum is computed on another core while the file is parsed (start-up time, issue #12); nothing parsed is
        // returned unless it matches, and the parse bounds every count by the file's length, so a corrupt file cannot make
        // it allocate much more than the file's size before it fails.
        var checksum = Task.Run(() => VerifyChecksum(path));
        (MemoryIndex Index, IndexSnapshotInfo Info) parsed;
        try
        {
            parsed = Parse(path);
        }
        catch (InvalidDataException)
        {
            checksum.GetAwaiter().GetResult(); // A checksum mismatch is the better explanation.
            throw;
        }

        checksum.GetAwaiter().GetResult();
        return parsed;
    }

    /// <summary>The smallest a unit's entry can be: id, two empty texts (length byte and tag count), context and four counts.</summary>
    private const int MinDocBytes = 8 + (2 * (1 + 4)) + 8 + (4 * 2);

    private static (MemoryIndex Index, IndexSnapshotInfo Info) Parse(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, SnapshotBuffer, FileOptions.SequentialScan);
        using var reader = new BinaryReader(file, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(4).AsSpan().SequenceEqual(SnapshotMagic))
            {
                throw new InvalidDataException("not an index snapshot.");
            }

            var version = reader.ReadInt32();
            if (version != SnapshotVersion)
            {
                throw new InvalidDataException($"snapshot version {version}, this build reads {SnapshotVersion}.");
            }

            var info = new IndexSnapshotInfo(reader.ReadString(), reader.ReadInt64(), reader.ReadInt64());
            var side = (MemorySide)reader.ReadByte();
            var source = LanguageTag.Parse(reader.ReadString(), "source_language");
            var target = LanguageTag.Parse(reader.ReadString(), "target_language");
            var docs = reader.ReadInt32();
            if (!Enum.IsDefined(side) || docs < 0 || docs > file.Length / MinDocBytes)
            {
                throw new InvalidDataException("inconsistent snapshot header.");
            }

            var index = new MemoryIndex(source, target, side);
            index.EnsureDocCapacity(docs);
            index._docById.EnsureCapacity(docs);
            index._exact = new ExactTable(Math.Max(1024, docs));
            for (var doc = 0; doc < docs; doc++)
            {
                var id = reader.ReadInt64();
                if (!index._docById.TryAdd(id, doc))
                {
                    throw new InvalidDataException($"unit {id} is in the snapshot twice.");
                }

                index._ids[doc] = id;
                index._texts[doc] = ReadText(reader);
                index._translations[doc] = ReadTranslation(reader);
                index._context[doc] = reader.ReadUInt64();
                // The file's order (format 1): marks, tags, words, distinct terms.
                var punctuation = reader.ReadUInt16();
                var tags = reader.ReadUInt16();
                var words = reader.ReadUInt16();
                index.SetCounts(doc, new DocCounts(words, punctuation, tags, reader.ReadUInt16()));
                index._exact.Insert(doc, index._exact.Bucket(index._texts[doc].Text));
            }

            var termCount = reader.ReadInt32();
            if (termCount < 0 || termCount > file.Length / 5)
            {
                throw new InvalidDataException("inconsistent term count.");
            }

            index._postings = new PostingList[Math.Max(1024, termCount)];
            for (var t = 0; t < termCount; t++)
            {
                var term = reader.ReadString();
                var count = reader.ReadInt32();
                if (count <= 0 || count > docs)
                {
                    throw new InvalidDataException($"term {t} has {count} postings for {docs} units.");
                }

                var list = new int[count];
                for (var p = 0; p < count; p++)
                {
                    list[p] = reader.ReadInt32();
                    if (list[p] < 0 || list[p] >= docs || (p > 0 && list[p] <= list[p - 1]))
                    {
                        throw new InvalidDataException($"term {t}'s postings are out of order or range.");
                    }
                }

                if (!index._termIds.TryAdd(term, t))
                {
                    throw new InvalidDataException("a term is in the snapshot twice.");
                }

                index._postings[t] = new PostingList(list, index._lengths);
            }

            // What remains is the checksum, verified above.
            if (file.Position != file.Length - 8)
            {
                throw new InvalidDataException("the snapshot has data after its postings.");
            }

            index._termCount = termCount;
            index._docCount = docs;
            index._liveCount = docs;
            return (index, info);
        }
        catch (Exception exception) when (exception is EndOfStreamException or ArgumentException or TarjumaException or IOException or OverflowException)
        {
            throw new InvalidDataException($"unreadable snapshot: {exception.Message}", exception);
        }
    }

    private static void VerifyChecksum(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, SnapshotBuffer, FileOptions.SequentialScan);
        var length = file.Length;
        if (length < 12)
        {
            throw new InvalidDataException("the snapshot is truncated.");
        }

        var hash = new XxHash64();
        var buffer = new byte[SnapshotBuffer];
        var remaining = length - 8;
        while (remaining > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw new InvalidDataException("the snapshot is truncated.");
            }

            hash.Append(buffer.AsSpan(0, read));
            remaining -= read;
        }

        Span<byte> stored = stackalloc byte[8];
        file.ReadExactly(stored);
        Span<byte> computed = stackalloc byte[8];
        hash.GetCurrentHash(computed);
        if (!stored.SequenceEqual(computed))
        {
            throw new InvalidDataException("the snapshot's checksum does not match (corrupt or truncated).");
        }
    }

    private static void WriteText(BinaryWriter writer, SegmentText text)
    {
        writer.Write(text.Text);
        writer.Write(text.Tags.Length);
        foreach (var tag in text.Tags)
        {
            writer.Write((byte)tag.Kind);
            writer.Write(tag.Position);
            writer.Write(tag.Xml);
        }
    }

    /// <summary>A translation as <see cref="_translations"/> keeps it: without tags, the UTF-8 bytes the writer wrote, not decoded.</summary>
    private static object ReadTranslation(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        if (length < 0 || length > reader.BaseStream.Length)
        {
            throw new InvalidDataException($"a translation of {length} bytes.");
        }

        var utf8 = reader.ReadBytes(length);
        if (utf8.Length != length)
        {
            throw new EndOfStreamException();
        }

        var count = reader.ReadInt32();
        if (count == 0 && !utf8.AsSpan().Contains((byte)0xEF))
        {
            // No U+FFFD (EF BF BD), which the writer puts for an unpaired surrogate: the bytes are what CompactTranslation would keep.
            return utf8;
        }

        return CompactTranslation(ReadTags(reader, System.Text.Encoding.UTF8.GetString(utf8), count));
    }

    private static SegmentText ReadText(BinaryReader reader) => ReadTags(reader, reader.ReadString(), reader.ReadInt32());

    private static SegmentText ReadTags(BinaryReader reader, string text, int count)
    {
        if (count == 0)
        {
            return new SegmentText(text);
        }

        if (count < 0 || count > text.Length + 1)
        {
            throw new InvalidDataException($"a segment has {count} tags.");
        }

        var tags = ImmutableArray.CreateBuilder<InlineTag>(count);
        for (var i = 0; i < count; i++)
        {
            tags.Add(new InlineTag((InlineTagKind)reader.ReadByte(), reader.ReadInt32(), reader.ReadString()));
        }

        return new SegmentText(text, tags.MoveToImmutable());
    }

    /// <summary>Forwards writes and hashes them on the way.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        public XxHash64 Hash { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Hash.Append(buffer);
            inner.Write(buffer);
        }
    }
}
