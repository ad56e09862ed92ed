using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Common.DiskFormat;

/// <summary>
/// The hashes stored beside the text: XxHash3-64 (seed 0) over the UTF-16LE code units.
/// They only narrow an index lookup; equality is always confirmed on the text itself, so a
/// collision costs a comparison, never a wrong answer. Frozen: the values are on disk.
/// </summary>
internal static class TextHash
{
    /// <summary>Hash of one side's plain (NFC) text, for exact lookup.</summary>
    public static long OfText(ReadOnlySpan<char> text) =>
        unchecked((long)XxHash3.HashToUInt64(AsLittleEndianBytes(text)));

    /// <summary>
    /// Hash of a whole pair, tags included, for duplicate detection. The input is a canonical
    /// sequence independent of the JSON encoding: for each side its text, then for each tag its
    /// kind, position and XML length as 32-bit little-endian integers followed by the XML.
    /// </summary>
    public static long OfPair(SegmentText source, SegmentText target)
    {
        var hash = new XxHash3();
        AppendSide(hash, source);
        AppendSide(hash, target);
        return unchecked((long)hash.GetCurrentHashAsUInt64());
    }

    private static void AppendSide(XxHash3 hash, SegmentText side)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(number, side.Text.Length);
        hash.Append(number);
        hash.Append(AsLittleEndianBytes(side.Text));
        BinaryPrimitives.WriteInt32LittleEndian(number, side.Tags.Length);
        hash.Append(number);
        foreach (var tag in side.Tags)
        {
            BinaryPrimitives.WriteInt32LittleEndian(number, (int)tag.Kind);
            hash.Append(number);
            BinaryPrimitives.WriteInt32LittleEndian(number, tag.Position);
            hash.Append(number);
            BinaryPrimitives.WriteInt32LittleEndian(number, tag.Xml.Length);
            hash.Append(number);
            hash.Append(AsLittleEndianBytes(tag.Xml));
        }
    }

    private static ReadOnlySpan<byte> AsLittleEndianBytes(ReadOnlySpan<char> text)
    {
        // .NET runs little-endian on every platform it ships for; fail loudly rather than
        // silently write different hashes if that ever changes.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Stored text hashes are defined over UTF-16LE.");
        }

        return MemoryMarshal.AsBytes(text);
    }
}
