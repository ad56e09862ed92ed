namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>
/// An abbreviation found in a body of text, with the evidence: <paramref name="Text"/> is the
/// case-folded type without its final period (<c>мас</c>, <c>д.и.ф</c>).
/// </summary>
/// <param name="Text">The abbreviation, lower case, without the final period.</param>
/// <param name="Score">The Punkt score (see <see cref="AbbreviationLearner"/>); at least the threshold.</param>
/// <param name="WithPeriod">Occurrences with a final period.</param>
/// <param name="WithoutPeriod">Occurrences without one.</param>
/// <param name="ContinuationShare">Share of its periods followed by a lower-case word, a number, a name or inner punctuation.</param>
public sealed record LearnedAbbreviation(string Text, double Score, int WithPeriod, int WithoutPeriod, double ContinuationShare);
