using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tmx;

/// <summary>
/// Limits against hostile or broken TMX. A unit that exceeds one is rejected with a reason; the
/// rest of the file is still read, and memory use stays bounded by these numbers, not by the file.
/// </summary>
internal static class TmxLimits
{
    /// <summary>Longest segment (characters of text and inline markup): a real sentence or paragraph is
    /// far below this; anything longer is a broken export or an attempt to exhaust memory. The same
    /// for every stored unit (<see cref="UnitLimits"/>).</summary>
    public const int MaxSegmentLength = UnitLimits.MaxSegmentLength;

    /// <summary>Deepest nesting of inline elements (<c>hi</c> in <c>hi</c>, <c>sub</c> in native code):
    /// real files nest two or three levels; the parser recurses per level.</summary>
    public const int MaxInlineDepth = 32;

    /// <summary>Deepest element nesting in content the reader skips (extensions, unknown elements):
    /// XmlReader keeps a frame per open element, so unbounded nesting would grow memory.
    /// TMX itself needs about 5 levels plus two per inline level.</summary>
    public const int MaxDocumentDepth = 128;

    /// <summary>Most <c>prop</c> elements on one unit (tu and its tuvs together).</summary>
    public const int MaxPropertiesPerUnit = UnitLimits.MaxPropertiesPerUnit;

    /// <summary>Most <c>note</c> elements on one unit (tu and its tuvs together).</summary>
    public const int MaxNotesPerUnit = UnitLimits.MaxPropertiesPerUnit;

    /// <summary>Most <c>tuv</c> elements in one unit: multilingual memories carry dozens, not thousands.</summary>
    public const int MaxVariantsPerUnit = 1_000;

    /// <summary>Longest <c>prop</c> or <c>note</c> text: metadata, not content.</summary>
    public const int MaxMetadataLength = UnitLimits.MaxMetadataLength;

    /// <summary>Most characters of all <c>prop</c>s and <c>note</c>s of one unit together (types, values, languages).</summary>
    public const int MaxMetadataPerUnit = UnitLimits.MaxMetadataPerUnit;

    /// <summary>Longest attribute value (tuid, creationid, changeid, dates, xml:lang, prop type): an XmlReader
    /// holds a start tag whole, so this bounds what a unit keeps, not what the parser reads.</summary>
    public const int MaxAttributeLength = UnitLimits.MaxIdentifierLength;

    /// <summary>How many distinct xml:lang values the reader remembers parsed; a file uses a handful.</summary>
    public const int MaxCachedLanguages = 256;

    /// <summary>How many distinct languages an error message lists.</summary>
    public const int MaxReportedLanguages = 20;
}
