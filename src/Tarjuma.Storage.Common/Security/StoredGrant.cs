using System.Text.Json.Serialization;

namespace Tarjuma.Storage.Common.Security;

/// <summary>A grant as stored in <c>api_keys.grants</c> (schema v2): short names, frozen.</summary>
internal sealed record StoredGrant(
    [property: JsonPropertyName("m")] string M,
    [property: JsonPropertyName("a")] string A);

/// <summary>Source-generated JSON for <see cref="StoredGrant"/> (no reflection, trimming-safe).</summary>
[JsonSerializable(typeof(StoredGrant[]))]
internal sealed partial class StoredGrantContext : JsonSerializerContext;
