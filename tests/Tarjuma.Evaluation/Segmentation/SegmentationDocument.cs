namespace Tarjuma.Evaluation.Segmentation;

/// <summary>A gold document: running text and the sentences it should be cut into.</summary>
public sealed record SegmentationDocument(string Id, string Language, string Text, IReadOnlyList<GoldSentence> Sentences);

/// <summary>
/// A gold sentence. <see cref="InnerAmbiguous"/> marks one the translator may have written as
/// two; a boundary inside it is not counted either way.
/// </summary>
public sealed record GoldSentence(string Text, bool InnerAmbiguous);
