namespace Tarjuma.Server.Security;

/// <summary>
/// Limits against oversized or hostile requests, section <c>Tarjuma:Limits</c>. Each is checked
/// before the work starts and refused with the field, the limit and the setting to change.
/// </summary>
public sealed class TarjumaLimits
{
    public const string Section = "Tarjuma:Limits";

    /// <summary>
    /// Largest gRPC message, bytes. Default 16 MiB: a TMX chunk or a long document fits. Over it:
    /// RESOURCE_EXHAUSTED naming this setting (<see cref="Infrastructure.MessageLimitStatus"/>).
    /// </summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Longest segment (unit side, lookup text, concordance query), UTF-16 units. Default 100,000: no sentence is near.</summary>
    public int MaxSegmentLength { get; set; } = 100_000;

    /// <summary>Most units in one AddUnits stream, and most segments in one document or alignment. Default 100,000.</summary>
    public int MaxBatchSize { get; set; } = 100_000;

    /// <summary>Longest document to segment, analyse, pre-translate or align, UTF-16 units. Default 1,048,576 (about 300 pages).</summary>
    public int MaxDocumentLength { get; set; } = 1 << 20;

    /// <summary>Most TMX bytes in one import. Default 1 GiB: a few million units.</summary>
    public long MaxTmxBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Most wall-clock time one segmentation request (or one message of a SegmentStream) may
    /// take; then it fails with ResourceExhausted. Default 30 s: a 1 M-character document takes
    /// well under a second with the built-in rules, so only pathological SRX rules reach it.
    /// </summary>
    public TimeSpan SegmentationBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most XLIFF bytes in one PretranslateXliff stream. Default 1 GiB (spooled to a temporary file).</summary>
    public long MaxXliffBytes { get; set; } = 1L << 30;

    /// <summary>Most matches one lookup may ask for. Default 50.</summary>
    public int MaxResults { get; set; } = 50;
}
