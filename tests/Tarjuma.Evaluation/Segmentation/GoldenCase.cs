namespace Tarjuma.Evaluation.Segmentation;

/// <summary>
/// One golden-rule case: a text and the exact segments expected. <see cref="Skip"/> is set when
/// the source suite skips or expects the case to fail (<c>skip</c>, <c>xfail</c>,
/// <c>skip_with_*</c>); <see cref="ExactCompare"/> when segments keep their whitespace (SRX
/// engine suites). <see cref="DocType"/> <c>pdf</c> means wrapped lines.
/// </summary>
public sealed record GoldenCase(
    string Name,
    string Language,
    string Text,
    IReadOnlyList<string> Expected,
    bool Skip = false,
    bool ExactCompare = false,
    string? DocType = null,
    string? SrxLanguage = null,
    string? Srx = null,
    string? Format = null);
