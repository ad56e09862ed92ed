namespace Tarjuma.Core.Segmentation;

/// <summary>
/// One SRX 2.0 <c>rule</c>: a break (or an exception, <c>break="no"</c>) between text matching
/// <see cref="BeforeBreak"/> and text matching <see cref="AfterBreak"/>. Patterns are kept as
/// written in the file (ICU/Java syntax); an empty pattern matches everywhere.
/// </summary>
public sealed record SrxRule(bool Break, string BeforeBreak, string AfterBreak);
