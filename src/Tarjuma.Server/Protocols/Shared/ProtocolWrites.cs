using Microsoft.Extensions.Options;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Server.Security;
using Tarjuma.Server.Segmentation;

namespace Tarjuma.Server.Protocols.Shared;

/// <summary>Unit writes from the protocols: the same limits and attribution as the gRPC AddUnit.</summary>
internal static class ProtocolWrites
{
    /// <summary>Adds (or merges) a unit written in the pair's direction; checks the write grant first.</summary>
    public static async Task<UnitWriteResult> AddAsync(
        ProtocolCall call, MemoryInfo memory, LanguageTag source, string sourceText, string targetText, string sourceField, string targetField)
    {
        var unit = Unit(call, sourceText, targetText, sourceField, targetField);
        var results = await call.Store.AddUnitsAsync(memory.Name, [PairMemories.Orient(memory, source, unit)], call.Aborted);
        call.Http.RequestServices.GetRequiredService<MemoryRules>().MemoryGrew(memory.Name);
        return results[0];
    }

    /// <summary>A new unit from plain texts, checked against the segment limit and the stored-unit limits; attributed to the key.</summary>
    public static TranslationUnit Unit(ProtocolCall call, string sourceText, string targetText, string sourceField, string targetField)
    {
        var limits = call.Http.RequestServices.GetRequiredService<IOptions<TarjumaLimits>>().Value;
        CheckLength(sourceText, limits, sourceField);
        CheckLength(targetText, limits, targetField);
        var now = call.Http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = call.Caller.Key?.Name;
        return UnitLimits.Check(
            new TranslationUnit
            {
                Source = SegmentText.Plain(sourceText),
                Target = SegmentText.Plain(targetText),
                CreatedBy = user,
                CreatedAt = now,
                ChangedBy = user,
                ChangedAt = now,
            },
            "unit");
    }

    /// <summary>Lookup text against <see cref="TarjumaLimits.MaxSegmentLength"/>, naming the parameter.</summary>
    public static void CheckLength(string text, TarjumaLimits limits, string field)
    {
        if (text.Length > limits.MaxSegmentLength)
        {
            throw TarjumaException.InvalidArgument(field,
                $"{text.Length} characters is over the limit of {limits.MaxSegmentLength} "
                    + $"(setting {TarjumaLimits.Section}:{nameof(TarjumaLimits.MaxSegmentLength)}).");
        }
    }
}
