using System.Collections.Immutable;

namespace Tarjuma.Core.Security;

/// <summary>An API key as stored: never the secret, only what it may do.</summary>
public sealed record ApiKey
{
    /// <summary>Public identifier, also the first part of the secret (so a lookup needs no scan).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Administrators manage memories and keys and may read and write every memory.</summary>
    public bool IsAdmin { get; init; }

    public ImmutableArray<KeyGrant> Grants { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>True when the key may use <paramref name="memory"/> with <paramref name="needed"/>.</summary>
    public bool Allows(string memory, MemoryAccess needed) =>
        IsAdmin || Grants.Any(grant => grant.Covers(memory, needed));

    /// <summary>Equality over the grant list's contents (records compare arrays by reference).</summary>
    public bool Equals(ApiKey? other) =>
        other is not null && Id == other.Id && Name == other.Name && IsAdmin == other.IsAdmin
        && Grants.SequenceEqual(other.Grants) && CreatedAt == other.CreatedAt && RevokedAt == other.RevokedAt;

    public override int GetHashCode() => HashCode.Combine(Id, Name, IsAdmin, CreatedAt, RevokedAt);
}
