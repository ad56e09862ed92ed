namespace Tarjuma.CommandLine;

/// <summary>
/// A failure the command line finds itself (an option, a file the user named, a manifest), printed as one
/// <c>tarjuma: message</c> line with exit code 1. Its own type, so the commands' checks need not the engine's
/// (issue #14: the command line depends on the client, not on Tarjuma.Core).
/// </summary>
public sealed class CommandLineException : Exception
{
    public CommandLineException(string message, string? field, Exception? inner = null)
        : base(message, inner) => Field = field;

    public CommandLineException()
        : this("Invalid command line.", field: null)
    {
    }

    public CommandLineException(string message)
        : this(message, field: null)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : this(message, null, innerException)
    {
    }

    /// <summary>The option, argument or file the error is about (e.g. <c>--memory</c>, <c>out</c>, <c>manifest</c>).</summary>
    public string? Field { get; }

    /// <summary>An invalid value: the message is prefixed with the field, as the engine's own checks word it.</summary>
    public static CommandLineException InvalidArgument(string field, string message) => new($"{field}: {message}", field);
}
