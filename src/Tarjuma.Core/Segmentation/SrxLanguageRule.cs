namespace Tarjuma.Core.Segmentation;

/// <summary>An SRX 2.0 <c>languagerule</c>: a named, ordered list of rules.</summary>
public sealed record SrxLanguageRule(string Name, IReadOnlyList<SrxRule> Rules);
