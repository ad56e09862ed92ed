namespace Tarjuma.CommandLine.Files;

/// <summary>The checks every command makes before it writes a file the user named.</summary>
internal static class OutputFile
{
    /// <summary>
    /// Full path of <paramref name="path"/> when it may be written: its folder exists (never created)
    /// and it does not exist yet unless <paramref name="force"/>.
    /// </summary>
    public static string Check(string path, bool force, string field)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw CommandLineException.InvalidArgument(field, $"{full} is a folder; name a file.");
        }

        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw MissingFolder(folder, field);
        }

        if (!force && File.Exists(full))
        {
            throw new CommandLineException($"{full} exists; add --force to replace it.", field);
        }

        return full;
    }

    public static CommandLineException MissingFolder(string folder, string field) =>
        new($"the folder {folder} does not exist (create it first; tarjuma does not create folders).", field);
}
