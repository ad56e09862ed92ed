namespace Tarjuma.Core.Segmentation;

/// <summary>
/// SRX 2.0 <c>formathandle</c> settings: whether inline codes sitting at a break stay with the
/// segment before it (<c>include="yes"</c>) or move to the next one. The defaults are the
/// specification's (SRX 2.0 §2.3.2): start codes move on, end and isolated codes stay.
/// </summary>
public sealed record SrxFormatHandle(bool IncludeStart = false, bool IncludeEnd = true, bool IncludeIsolated = true);
