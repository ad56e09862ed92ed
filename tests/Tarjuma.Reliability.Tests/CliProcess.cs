using System.Diagnostics;
using System.Text;

namespace Tarjuma.Reliability.Tests;

/// <summary>The real command line, <c>dotnet tarjuma.dll ARGS</c>, as a child process beside a server.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    private CliProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static CliProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerProcess.CliDll);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        var cli = new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        cli._process.OutputDataReceived += (_, e) => Append(cli._out, e.Data);
        cli._process.ErrorDataReceived += (_, e) => Append(cli._error, e.Data);
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs to the end (at most a minute) and returns the exit code and both streams.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var cli = Start(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await cli._process.WaitForExitAsync(timeout.Token);
        // The parameterless wait also drains the redirected streams.
        await cli._process.WaitForExitAsync(CancellationToken.None);
        lock (cli._out)
        {
            return (cli._process.ExitCode, cli._out.ToString(), cli.Error);
        }
    }

    /// <summary>SIGKILL: no cleanup code runs, as when an import is killed or the machine stops.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }
}
