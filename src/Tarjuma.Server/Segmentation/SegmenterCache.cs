using System.Collections.Concurrent;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Server.Segmentation;

/// <summary>
/// Segmenters are immutable and costly to build (rules compile to regexes), so built-in ones are
/// built once per language and line-break mode and shared by every call.
/// </summary>
public sealed class SegmenterCache
{
    /// <summary>Most cached built-in segmenters: languages are few, but a client controls the key.</summary>
    public const int MaxEntries = 256;

    private readonly ConcurrentDictionary<(string Language, LineBreakMode LineBreaks), Segmenter> _builtIn = new();

    /// <summary>A segmenter for <paramref name="language"/>: built-in rules, or <paramref name="srx"/> when given.</summary>
    public Segmenter Get(LanguageTag language, LineBreakMode lineBreaks, string? rules = null, string? srx = null)
    {
        if (!string.IsNullOrEmpty(srx))
        {
            return Segmenter.Create(new SegmenterOptions { Language = language.Value, Rules = SrxDocument.Parse(srx), LineBreaks = lineBreaks });
        }

        if (!string.IsNullOrEmpty(rules) && !BuiltInRules.Names.Contains(rules, StringComparer.Ordinal))
        {
            throw TarjumaException.InvalidArgument("rules", $"unknown rule set '{rules}'; built-in: {string.Join(", ", BuiltInRules.Names)}.");
        }

        var key = (language.Value, lineBreaks);
        if (_builtIn.TryGetValue(key, out var segmenter))
        {
            return segmenter;
        }

        segmenter = Segmenter.Create(new SegmenterOptions { Language = language.Value, LineBreaks = lineBreaks });
        return _builtIn.Count < MaxEntries ? _builtIn.GetOrAdd(key, segmenter) : segmenter;
    }
}
