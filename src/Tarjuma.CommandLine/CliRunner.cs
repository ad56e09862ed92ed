using System.CommandLine;
using Grpc.Core;

namespace Tarjuma.CommandLine;

/// <summary>
/// Runs a command tree the composition root built: usage errors, failures a person can fix and a server's
/// refusals become one <c>tarjuma: ...</c> line on stderr and an exit code.
/// </summary>
public static class CliRunner
{
    /// <summary>Exit code of a command that failed for a reason the user can fix (bad input, not found).</summary>
    public const int ExitFailure = 1;

    /// <summary>Exit code of a command line that does not parse.</summary>
    public const int ExitUsage = 2;

    public static Task<int> RunAsync(RootCommand root, string[] args, CliConsole console, CancellationToken cancellationToken = default) =>
        RunAsync(root, args, console, static _ => false, cancellationToken);

    /// <summary>
    /// Runs <paramref name="root"/> on <paramref name="args"/>; the exit code. <paramref name="isUserError"/> says which further
    /// exceptions are failures a person can fix, printed as one line: the composition root's own (the engine's errors, from
    /// the commands that run it in-process), which this library does not know.
    /// </summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, CliConsole console, Func<Exception, bool> isUserError,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isUserError);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"tarjuma: {error.Message}");
            }

            return ExitUsage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (RpcException exception)
        {
            // Without --server no server said anything: the local backend gives the engine's refusals as the
            // client's exceptions (the same type whichever backend ran), and they are printed in their own words.
            var server = ServerOf(parsed);
            await console.Error.WriteLineAsync($"tarjuma: {(server is null ? exception.Status.Detail : RpcErrorMessage.Describe(exception, server))}");
            return ExitFailure;
        }
        catch (Exception exception) when (exception is CommandLineException or IOException or UnauthorizedAccessException || isUserError(exception))
        {
            // Errors the user can act on: one line, no stack trace.
            await console.Error.WriteLineAsync($"tarjuma: {exception.Message}");
            return ExitFailure;
        }
    }

    /// <summary>The command's <c>--server</c> value, for messages about the connection.</summary>
    private static string? ServerOf(ParseResult parsed) =>
        parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--server") is Option<string?> server ? parsed.GetValue(server) : null;
}
