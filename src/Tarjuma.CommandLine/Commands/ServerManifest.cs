using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tarjuma.CommandLine.Commands;

/// <summary>
/// <c>manifest.json</c> of a whole-server export: what <c>import-all</c> needs to recreate each
/// memory (the TMX files carry the units, not the description).
/// </summary>
internal sealed record ServerManifest(int Format, IReadOnlyList<ManifestMemory> Memories)
{
    public const string FileName = "manifest.json";

    /// <summary>Bumped when the layout changes incompatibly; import-all refuses other numbers.</summary>
    public const int CurrentFormat = 1;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>One memory of a whole-server export and its TMX file, relative to the manifest.</summary>
internal sealed record ManifestMemory(string Name, string SourceLanguage, string TargetLanguage, string Description, long UnitCount, string File);
