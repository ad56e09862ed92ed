namespace Tarjuma.CommandLine.Files;

/// <summary>What a command may do when its <c>--db</c> file is missing.</summary>
internal enum DatabaseUse
{
    /// <summary>Reads or changes what is there: a missing file is an error (a mistyped path stays visible).</summary>
    Existing,

    /// <summary>Writes new data (import, memory create, keys create, restore, serve): may create the file.</summary>
    MayCreate,
}
