using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tmx;

// Language choice: which <tuv> holds each memory language, and which text counts as the source side.
public sealed partial class TmxReader
{
    private const string AllLanguages = "*all*";

    /// <summary>
    /// Whether text declared in <paramref name="language"/> (a prop's xml:lang, else its tuv's, else
    /// the tu's or header's srclang, where TMX puts a unit's source-side props) is in the memory's
    /// source language. Undeclared (or <c>*all*</c>, or unparsable) counts as the source: that is
    /// where a tu's context props belong, and what every earlier import assumed.
    /// </summary>
    private bool IsMemorySourceText(string? language)
    {
        if (language is null || string.Equals(language.Trim(), AllLanguages, StringComparison.OrdinalIgnoreCase)
            || ParseLanguage(language.Trim()) is not { } tag)
        {
            return true;
        }

        return Rank(_options.Source, tag) > 0;
    }

    /// <summary>
    /// Picks, for each memory language, the tuv whose language matches best (exact tag, then the
    /// bare language, then another variant of it; first in document order on a tie), never the same
    /// tuv for both sides.
    /// </summary>
    private (RawVariant? Source, RawVariant? Target) ChooseVariants(RawUnit raw)
    {
        var tags = new LanguageTag?[raw.Variants.Count];
        for (var i = 0; i < tags.Length; i++)
        {
            var language = raw.Variants[i].Language;
            if (ParseLanguage(language) is { } tag)
            {
                tags[i] = tag;
                NoteLanguage(tag.Value);
            }
            else
            {
                NoteLanguage(language is null ? "(no xml:lang)" : $"'{language}'");
            }
        }

        var sourceFirst = Choose(tags, _options.Source, _options.Target);
        var targetFirst = Choose(tags, _options.Target, _options.Source);
        var (s, t) = targetFirst.Score > sourceFirst.Score ? (targetFirst.Second, targetFirst.First) : (sourceFirst.First, sourceFirst.Second);
        return (s < 0 ? null : raw.Variants[s], t < 0 ? null : raw.Variants[t]);
    }

    private static (int First, int Second, int Score) Choose(LanguageTag?[] tags, LanguageTag first, LanguageTag second)
    {
        var a = Best(tags, first, exclude: -1);
        var b = Best(tags, second, exclude: a.Index);
        return (a.Index, b.Index, a.Score + b.Score);
    }

    private static (int Index, int Score) Best(LanguageTag?[] tags, LanguageTag wanted, int exclude)
    {
        var best = (Index: -1, Score: 0);
        for (var i = 0; i < tags.Length; i++)
        {
            if (i != exclude && tags[i] is { } tag)
            {
                var score = Rank(wanted, tag);
                if (score > best.Score)
                {
                    best = (i, score);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// 0 for another language; 3 for the exact tag; within the same language (<see cref="LanguageTag.Closeness"/> 1),
    /// 2 when one side is the bare language (<c>fr</c> for <c>fr-FR</c>), 1 when both name different
    /// variants (<c>fr-CA</c> for <c>fr-FR</c>): the bare language is the closer fallback.
    /// </summary>
    private static int Rank(LanguageTag wanted, LanguageTag tag) => wanted.Closeness(tag) switch
    {
        2 => 3,
        1 => string.Equals(tag.Value, tag.Language, StringComparison.Ordinal) || string.Equals(wanted.Value, wanted.Language, StringComparison.Ordinal) ? 2 : 1,
        _ => 0,
    };

    /// <summary>Parses a tuv language, remembering the few distinct values a file uses.</summary>
    private LanguageTag? ParseLanguage(string? language)
    {
        if (language is null)
        {
            return null;
        }

        if (!_parsedLanguages.TryGetValue(language, out var tag))
        {
            tag = LanguageTag.TryParse(language, out var parsed) ? parsed : null;
            if (_parsedLanguages.Count < TmxLimits.MaxCachedLanguages)
            {
                _parsedLanguages.Add(language, tag);
            }
        }

        return tag;
    }

    private void NoteLanguage(string language)
    {
        if (_languagesSeen.Count < TmxLimits.MaxReportedLanguages)
        {
            _languagesSeen.Add(language);
        }
    }
}
