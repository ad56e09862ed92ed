using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Tarjuma.Core.Tests.Fuzzing;

/// <summary>
/// Shared FsCheck set-up: a fixed seed (deterministic in CI) and a bounded number of cases;
/// <c>TARJUMA_FUZZ_ITERATIONS</c> runs more, <c>TARJUMA_FUZZ_SEED</c> another seed.
/// </summary>
internal static class Fuzz
{
    private const int DefaultIterations = 300;
    private const ulong DefaultSeed = 20261128;

    public static int Iterations(int fallback = DefaultIterations) =>
        int.TryParse(Environment.GetEnvironmentVariable("TARJUMA_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture,
            out var n) && n > 0 ? n : fallback;

    public static Config Config(int fallback = DefaultIterations)
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("TARJUMA_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture,
            out var s) ? s : DefaultSeed;
        return FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(Iterations(fallback))
            .WithReplay(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL | 1), null));
    }

    /// <summary>Any UTF-16 code unit, unpaired surrogates included, with whitespace and punctuation often.</summary>
    public static Gen<char> AnyChar { get; } = Gen.Frequency(
        (4, Gen.Elements("Дар шаҳр ҳаво гарм аст. It is warm! Ӯ омад? 3.14 т.е. Mr. Smith".ToCharArray())),
        (2, Gen.Elements(' ', '\t', '\n', '\r', '\u00A0', '\u2028', '\u0085', '\u200B', '\u3000', '.', '!', '?', '…', '"', '«', '»', '(', ')')),
        (1, Gen.Elements('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000', '\uFFFE', '\uFFFF', '\u0304', '\u0301')),
        (2, Gen.Choose(0, 0xFFFF).Select(c => (char)c)));

    public static Gen<string> AnyText(int maxLength = 200) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(AnyChar, n)).Select(chars => new string(chars));

    /// <summary>Random edits of a valid document: deletions, insertions of markup characters, duplications, byte flips.</summary>
    public static Gen<byte[]> Mutated(byte[] valid) =>
        Gen.Choose(1, 8).SelectMany(count => Gen.ArrayOf(Mutation(), count)).Select(mutations =>
        {
            var bytes = new List<byte>(valid);
            foreach (var mutate in mutations)
            {
                mutate(bytes);
            }

            return bytes.ToArray();
        });

    private static Gen<Action<List<byte>>> Mutation()
    {
        var position = Gen.Choose(0, int.MaxValue - 1);
        var markup = Gen.Elements("<", ">", "&", ";", "\"", "'", "/", "=", "<!--", "]]>", "<![CDATA[", "&amp;", "&#0;", "&#xD800;", "&lol;",
            "<!DOCTYPE tmx [<!ENTITY lol \"lol\">]>", "<tu>", "</tu>", "<seg>", "</seg>", "<bpt i=\"1\">", "</ept>", "<ph>", "<hi>", "xml:lang=\"tg\"",
                "\u0000", "\uFEFF", "ӯ");
        return Gen.OneOf(
            Gen.Zip(position, Gen.Choose(1, 64)).Select(p => (Action<List<byte>>)(bytes =>
            {
                if (bytes.Count == 0)
                {
                    return;
                }

                var at = p.Item1 % bytes.Count;
                bytes.RemoveRange(at, Math.Min(p.Item2, bytes.Count - at));
            })),
            Gen.Zip(position, markup).Select(p => (Action<List<byte>>)(bytes => bytes.InsertRange(p.Item1 % (bytes.Count + 1),
                Encoding.UTF8.GetBytes(p.Item2)))),
            Gen.Zip(position, Gen.Choose(0, 255)).Select(p => (Action<List<byte>>)(bytes =>
            {
                if (bytes.Count > 0)
                {
                    bytes[p.Item1 % bytes.Count] = (byte)p.Item2;
                }
            })),
            Gen.Zip(position, Gen.Choose(1, 200)).Select(p => (Action<List<byte>>)(bytes =>
            {
                if (bytes.Count == 0)
                {
                    return;
                }

                var at = p.Item1 % bytes.Count;
                var slice = bytes.GetRange(at, Math.Min(p.Item2, bytes.Count - at));
                bytes.InsertRange(at, slice);
            })));
    }
}
