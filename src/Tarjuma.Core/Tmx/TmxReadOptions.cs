using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tmx;

/// <summary>
/// What a TMX file is read for: the memory's two languages. Each unit takes, per language, the
/// <c>tuv</c> whose <c>xml:lang</c> matches best (the exact tag, then the bare language, then another
/// variant of the same language: <c>en-GB</c> content serves an <c>en</c> memory), whatever the
/// file's <c>srclang</c> says, so an en→tg file imports into a tg→en memory.
/// </summary>
/// <param name="Source">The memory's source language.</param>
/// <param name="Target">The memory's target language.</param>
public sealed record TmxReadOptions(LanguageTag Source, LanguageTag Target);
