using Tarjuma.Core.Model;

namespace Tarjuma.Core.Segmentation;

/// <summary>A segment of streamed text: its place in the whole stream (UTF-16 offsets) and its text.</summary>
public readonly record struct StreamedSegment(TextRange Range, string Text);
