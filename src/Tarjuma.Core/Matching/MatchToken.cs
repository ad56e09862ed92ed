namespace Tarjuma.Core.Matching;

/// <summary>
/// One token of a segment, as an offset into the original text plus three keys, one per
/// normalisation level, so the scorer knows which layer made two tokens equal:
/// <see cref="Exact"/> (the characters, or the tag XML), <see cref="Case"/> (case and look-alike
/// letters folded for words; the value for placeables; the folded mark for punctuation) and
/// <see cref="Fold"/> (all layers for words; the kind for placeables, punctuation and tags).
/// </summary>
/// <remarks><c>TagIndex</c> is, for <see cref="TokenKind.Tag"/>, the index into the segment's tags; else -1.</remarks>
internal readonly record struct MatchToken(TokenKind Kind, int Start, int Length, ulong Exact, ulong Case, ulong Fold, int TagIndex = -1)
{
    public bool IsPlaceable => Kind is TokenKind.Number or TokenKind.Date or TokenKind.Url or TokenKind.Email or TokenKind.Tag or TokenKind.Ordinal
        or TokenKind.Time;

    /// <summary>Words and placeables other than tags: the tokens that carry index terms.</summary>
    public bool IsTermBearing => Kind is not (TokenKind.Punctuation or TokenKind.Tag);
}
