namespace Tarjuma.Core.Segmentation;

/// <summary>A rule's patterns translated to .NET syntax (empty = matches everywhere).</summary>
internal sealed record TranslatedRule(string BeforeBreak, string AfterBreak);
