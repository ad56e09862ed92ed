namespace Tarjuma.Server.Protocols;

/// <summary>Settings of the CAT-tool protocols, section <c>Tarjuma:Protocols</c>.</summary>
public sealed class ProtocolOptions
{
    public const string Section = "Tarjuma:Protocols";

    /// <summary>Lowest match score (1–101) APy answers with a suggestion; below it the answer is empty. Default 75.</summary>
    public int ApyMinScore { get; set; } = 75;
}
