using System.Xml;

namespace Tarjuma.Core.Xml;

/// <summary>
/// One XML-reading core, two drivers: the same <c>async ValueTask</c> code reads a local file or memory
/// with the reader's synchronous calls (each await then completes at once, with no task allocated) and a
/// network stream with its asynchronous ones. The asynchronous <see cref="XmlReader"/> costs a task per
/// node, which made it a fifth of an import's CPU (issue #12).
/// </summary>
internal static class XmlDriver
{
    /// <summary>Reader settings for <paramref name="settings"/> driven synchronously or not.</summary>
    public static XmlReaderSettings For(XmlReaderSettings settings, bool synchronous)
    {
        var copy = settings.Clone();
        copy.Async = !synchronous;
        return copy;
    }

    /// <summary>
    /// Whether a stream is read synchronously: a seekable stream is a local file or memory, whose reads do not wait on a
    /// peer (the command line's progress-counting view of a file passes its file's seekability on). A pipe of uploaded
    /// chunks or a network body cannot seek: it is read asynchronously.
    /// </summary>
    public static bool ReadsSynchronously(Stream stream) => stream.CanSeek;

    public static ValueTask<bool> NextAsync(this XmlReader reader, bool synchronous) =>
        synchronous ? new(reader.Read()) : new(reader.ReadAsync());

    public static ValueTask<int> ReadChunkAsync(this XmlReader reader, bool synchronous, char[] buffer) =>
        synchronous ? new(reader.ReadValueChunk(buffer, 0, buffer.Length)) : new(reader.ReadValueChunkAsync(buffer, 0, buffer.Length));

    public static ValueTask<XmlNodeType> ContentAsync(this XmlReader reader, bool synchronous) =>
        synchronous ? new(reader.MoveToContent()) : new(reader.MoveToContentAsync());
}
