using System.Reflection;
using BenchmarkDotNet.Running;
using Tarjuma.Benchmarks;

// `dotnet run -c Release --project tests/Tarjuma.Benchmarks -- <command> [args]` runs one of the
// large-scale benchmark commands (each an IBenchmarkCommand in its own file, found by reflection);
// `-- bdn [BenchmarkDotNet args]` runs the BenchmarkDotNet scenarios.
var commands = typeof(IBenchmarkCommand).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkCommand).IsAssignableFrom(t))
    .Select(t => (IBenchmarkCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length > 0 && string.Equals(args[0], "bdn", StringComparison.Ordinal))
{
    BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args[1..]);
    return 0;
}

var command = args.Length > 0 ? commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal)) : null;
if (command is null)
{
    Console.Error.WriteLine("usage: Tarjuma.Benchmarks <command> [args] | bdn [BenchmarkDotNet args]");
    foreach (var c in commands)
    {
        Console.Error.WriteLine($"  {c.Name,-20} {c.Description}");
    }

    return 2;
}

return await command.RunAsync(args[1..]);
