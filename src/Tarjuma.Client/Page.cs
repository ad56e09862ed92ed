namespace Tarjuma.Client;

/// <summary>One page of a listing.</summary>
/// <typeparam name="T">The listed items.</typeparam>
/// <param name="Items">The items of this page, in the server's order.</param>
/// <param name="NextPageToken">Pass it to get the next page; null on the last page.</param>
/// <remarks>
/// The server does not count the items of a whole listing, so a page has no total; a caller that
/// needs one counts the pages it reads.
/// </remarks>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken)
{
    /// <summary>True when there is no page after this one.</summary>
    public bool IsLast => NextPageToken is null;
}
