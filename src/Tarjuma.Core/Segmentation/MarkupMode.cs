namespace Tarjuma.Core.Segmentation;

/// <summary>Whether the input carries inline markup that the rules must not see.</summary>
public enum MarkupMode
{
    /// <summary>Plain text (the default): every character is text.</summary>
    None = 0,

    /// <summary>
    /// HTML/XML tags (<c>&lt;b&gt;</c>, <c>&lt;/b&gt;</c>, <c>&lt;img/&gt;</c>) are inline codes: the rules
    /// run on the text without them (a period inside an attribute never breaks), and a code at a
    /// break goes to the segment before or after it as the SRX <c>formathandle</c> says.
    /// </summary>
    Html = 1,
}
