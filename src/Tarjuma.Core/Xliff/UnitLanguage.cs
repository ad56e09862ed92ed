using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Xliff;

/// <summary>The language units declare (null: none, the memory's source language) and the segmenter for it.</summary>
internal sealed record UnitLanguage(LanguageTag? Declared, Segmenter Segmenter);
