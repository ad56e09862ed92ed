namespace Tarjuma.CommandLine.Backends;

/// <summary>Which side <c>tarjuma concordance --side</c> searches (the names the option accepts).</summary>
internal enum ConcordanceSide
{
    Both = 0,
    Source = 1,
    Target = 2,
}
