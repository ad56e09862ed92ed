using Tarjuma.Cli;
using Tarjuma.CommandLine;

// `tarjuma`: one class per command under Commands/, composed by TarjumaCli.BuildRootCommand.
return await TarjumaCli.RunAsync(args, CliConsole.System);
