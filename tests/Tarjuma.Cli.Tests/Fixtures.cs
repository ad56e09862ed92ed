namespace Tarjuma.Cli.Tests;

/// <summary>Small TMX files written for these tests (our own sentences, not shared data).</summary>
internal static class Fixtures
{
    public const string Before = "Субҳ шуд.";
    public const string Sentence = "Ҳаво гарм буд.";
    public const string After = "Мо ба мактаб рафтем.";
    public const string Translation = "The weather was warm.";

    /// <summary>One unit stored with its context: <see cref="Before"/> and <see cref="After"/>.</summary>
    public static string ContextTmx() => Tmx(
        $"""<tu><prop type="x-context-prev">{Before}</prop><prop type="x-context-next">{After}</prop>"""
        + $"""<tuv xml:lang="tg"><seg>{Sentence}</seg></tuv><tuv xml:lang="en"><seg>{Translation}</seg></tuv></tu>""");

    /// <summary>One unit whose source is <paramref name="source"/>.</summary>
    public static string UnitTmx(string source, string target) => Tmx(
        $"""<tu><tuv xml:lang="tg"><seg>{source}</seg></tuv><tuv xml:lang="en"><seg>{target}</seg></tuv></tu>""");

    private static string Tmx(string body) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="tests" creationtoolversion="1" segtype="sentence" o-tmf="tests" adminlang="en"
            srclang="tg" datatype="plaintext"/>
        <body>{body}</body></tmx>
        """;
}
