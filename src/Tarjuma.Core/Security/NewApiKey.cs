using System.Collections.Immutable;

namespace Tarjuma.Core.Security;

/// <summary>What to create: a named key, administrator or with grants (at least one of the two).</summary>
public sealed record NewApiKey(string Name, bool IsAdmin, ImmutableArray<KeyGrant> Grants);

/// <summary>A key just created, with its secret: the only time the secret exists outside the client.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);
