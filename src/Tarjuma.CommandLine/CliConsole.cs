namespace Tarjuma.CommandLine;

/// <summary>The streams a command reads and writes; tests pass their own.</summary>
/// <param name="In">Standard input (segments for lookup, text for segment).</param>
/// <param name="Out">Machine output only.</param>
/// <param name="Error">Errors, progress and summaries meant for a person.</param>
/// <param name="IsTerminal">True when stderr is a terminal (progress is shown only then).</param>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool IsTerminal)
{
    public static CliConsole System { get; } = CreateSystem();

    /// <summary>
    /// Standard input as bytes, the stream under <see cref="In"/> (nothing read through <see cref="In"/> yet), for a command that
    /// keeps the UTF-8 it reads (<c>segment</c> writes segments as their input bytes); null: read <see cref="In"/>.
    /// </summary>
    public Stream? InBytes { get; init; }

    /// <summary>
    /// Standard output as bytes, the stream under <see cref="Out"/>, for a command that writes UTF-8 it already has; null: write
    /// <see cref="Out"/>. A command that writes here writes nothing through <see cref="Out"/> meanwhile.
    /// </summary>
    public Stream? OutBytes { get; init; }

    /// <summary>True when stdout is a terminal: a person reads each line as it comes.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>True when a person can answer a question: stdin and stderr are a terminal.</summary>
    public bool CanPrompt { get; init; }

    /// <summary>
    /// Lets <see cref="Out"/> fill its buffer instead of flushing after every write, until the returned
    /// scope ends (it flushes then): for commands that write many short lines, where a write system call
    /// per line costs more than the work (issue #12). A terminal keeps seeing each line at once.
    /// </summary>
    internal OutBuffering BufferOut() =>
        new(Out is StreamWriter { AutoFlush: true } stream && !OutIsTerminal ? stream : null, Out);

    private static CliConsole CreateSystem()
    {
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();
        return new(
            // 64 KiB reads: `segment` reads all of stdin, and the default 1 KiB is a system call per KiB.
            new StreamReader(input, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16),
            // 64K-char buffer: what BufferOut() lets fill between flushes (the default is 1K).
            new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = true },
            new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false)) { AutoFlush = true },
            !Console.IsErrorRedirected)
        {
            CanPrompt = !Console.IsInputRedirected && !Console.IsErrorRedirected,
            OutIsTerminal = !Console.IsOutputRedirected,
            InBytes = input,
            OutBytes = output,
        };
    }

    /// <summary>Asks a yes/no question on stderr; only an answer starting with y or Y is yes.</summary>
    public async Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken)
    {
        await Error.WriteAsync($"{question} [y/N] ");
        var answer = await In.ReadLineAsync(cancellationToken);
        return answer?.TrimStart() is { Length: > 0 } text && text[0] is 'y' or 'Y';
    }
}

/// <summary>The scope of <see cref="CliConsole.BufferOut"/>: flushes, and turns auto-flush back on.</summary>
internal sealed class OutBuffering : IAsyncDisposable
{
    private readonly StreamWriter? _suspended;
    private readonly TextWriter _out;

    internal OutBuffering(StreamWriter? suspended, TextWriter output)
    {
        _suspended = suspended;
        _out = output;
        if (_suspended is not null)
        {
            _suspended.AutoFlush = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _out.FlushAsync();
        if (_suspended is not null)
        {
            _suspended.AutoFlush = true;
        }
    }
}
