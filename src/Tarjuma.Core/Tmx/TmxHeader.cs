namespace Tarjuma.Core.Tmx;

/// <summary>
/// The attributes of a TMX <c>&lt;header&gt;</c> (TMX 1.4b §3.2), as written in the file;
/// absent attributes are null. <see cref="SourceLanguage"/> may be <c>*all*</c>.
/// </summary>
public sealed record TmxHeader
{
    /// <summary>The <c>version</c> attribute of <c>&lt;tmx&gt;</c>, e.g. <c>1.4</c> or <c>1.1</c>.</summary>
    public string? Version { get; init; }

    public string? SourceLanguage { get; init; }

    public string? CreationTool { get; init; }

    public string? CreationToolVersion { get; init; }

    /// <summary><c>segtype</c>: block, paragraph, sentence or phrase.</summary>
    public string? SegmentType { get; init; }

    public string? DataType { get; init; }

    /// <summary><c>o-tmf</c>: the format of the memory the file was exported from.</summary>
    public string? OriginalFormat { get; init; }

    public string? AdminLanguage { get; init; }

    /// <summary><c>creationdate</c>, or null when absent or not in TMX date format.</summary>
    public DateTimeOffset? CreationDate { get; init; }
}
