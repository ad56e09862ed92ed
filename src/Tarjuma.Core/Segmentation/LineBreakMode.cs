namespace Tarjuma.Core.Segmentation;

/// <summary>How line breaks in the input end segments, on top of the SRX rules.</summary>
public enum LineBreakMode
{
    /// <summary>
    /// Default. A blank line always ends a segment. A single line break ends one after a line
    /// that ends without punctuation (a headline, a list item), unless it looks like a soft wrap
    /// (whitespace before the break and a lower-case letter after it); before a line that starts
    /// with a list marker (– - • 1) 1. а)); and before a capitalised line after a list item or a
    /// short line ending in a symbol.
    /// </summary>
    Heuristic = 0,

    /// <summary>Only blank lines end segments; single line breaks are wrapped text (PDF, e-mail).</summary>
    BlankLineOnly = 1,

    /// <summary>Every line break ends a segment (one sentence or item per line).</summary>
    EveryLine = 2,

    /// <summary>The SRX rules alone decide, as in other SRX engines; used to check compatibility.</summary>
    RulesOnly = 3,
}
