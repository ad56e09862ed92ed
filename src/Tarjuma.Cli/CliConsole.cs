namespace Tarjuma.Cli;

/// <summary>The streams a command reads and writes; tests pass their own.</summary>
/// <param name="In">Standard input (segments for lookup, text for segment).</param>
/// <param name="Out">Machine output only.</param>
/// <param name="Error">Errors, progress and summaries meant for a person.</param>
/// <param name="IsTerminal">True when stderr is a terminal (progress is shown only then).</param>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool IsTerminal)
{
    public static CliConsole System { get; } = new(
        new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false)),
        new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = true },
        new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false)) { AutoFlush = true },
        !Console.IsErrorRedirected)
    {
        CanPrompt = !Console.IsInputRedirected && !Console.IsErrorRedirected,
    };

    /// <summary>True when a person can answer a question: stdin and stderr are a terminal.</summary>
    public bool CanPrompt { get; init; }

    /// <summary>Asks a yes/no question on stderr; only an answer starting with y or Y is yes.</summary>
    public async Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken)
    {
        await Error.WriteAsync($"{question} [y/N] ");
        var answer = await In.ReadLineAsync(cancellationToken);
        return answer?.TrimStart() is { Length: > 0 } text && text[0] is 'y' or 'Y';
    }
}
