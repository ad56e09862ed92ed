namespace Tarjuma.Benchmarks;

/// <summary>A large-scale benchmark run from the command line; prints its figures and ratios.</summary>
internal interface IBenchmarkCommand
{
    /// <summary>The first command-line argument that selects it, e.g. <c>import-store</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args);
}
