namespace Tarjuma.Core.Segmentation;

/// <summary>
/// How a <see cref="Segmenter"/> cuts text. Immutable; build one, share it.
/// </summary>
public sealed record SegmenterOptions
{
    /// <summary>
    /// The language code the SRX language maps are matched against, e.g. <c>tg</c>, <c>tg-TJ</c>,
    /// <c>en-US</c> (or an SRX-specific code such as LanguageTool's <c>en_one</c>). Required.
    /// </summary>
    public required string Language { get; init; }

    /// <summary>The rules; null (the default) means the built-in Tarjuma rules (<see cref="BuiltInRules"/>).</summary>
    public SrxDocument? Rules { get; init; }

    /// <summary>How line breaks end segments. Default <see cref="LineBreakMode.Heuristic"/>.</summary>
    public LineBreakMode LineBreaks { get; init; } = LineBreakMode.Heuristic;

    /// <summary>
    /// Default true: whitespace between segments belongs to no segment, and segments that are
    /// only whitespace are dropped. False gives raw SRX segments that together cover the text.
    /// </summary>
    public bool TrimWhitespace { get; init; } = true;

    /// <summary>Inline markup in the input. Default <see cref="MarkupMode.None"/>.</summary>
    public MarkupMode Markup { get; init; } = MarkupMode.None;
}
