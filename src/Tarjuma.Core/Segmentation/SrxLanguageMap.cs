namespace Tarjuma.Core.Segmentation;

/// <summary>
/// An SRX 2.0 <c>languagemap</c>: languages whose code matches <see cref="LanguagePattern"/>
/// (a regular expression over the whole code, e.g. <c>EN.*</c>) use the rules named
/// <see cref="LanguageRuleName"/>.
/// </summary>
public sealed record SrxLanguageMap(string LanguagePattern, string LanguageRuleName);
