using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tarjuma.Core.Security;

/// <summary>
/// The secret format <c>tj_&lt;id&gt;_&lt;random&gt;</c>: 12 hex characters of id, then 256 random
/// bits in base64url. Only SHA-256 of the random part is stored; a slow password hash is not
/// needed because the secret has full entropy (no dictionary to try).
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "tj_";

    /// <summary>256 bits: brute force is out of reach; the id is not secret.</summary>
    public const int SecretBytes = 32;

    private const int IdBytes = 6;

    /// <summary>Longest header value parsed; a real secret has 3 + 12 + 1 + 43 characters.</summary>
    public const int MaxLength = 128;

    public static (string Id, string Secret, byte[] Hash) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var random = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, $"{Prefix}{id}_{random}", Hash(random));
    }

    /// <summary>Splits a presented secret into id and random part; false when it has not the shape.</summary>
    public static bool TryParse(string? secret, out string id, out string random)
    {
        id = random = "";
        if (secret is null || secret.Length > MaxLength || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = secret.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != IdBytes * 2)
        {
            return false;
        }

        id = rest[..separator].ToString();
        random = rest[(separator + 1)..].ToString();
        return random.Length > 0;
    }

    public static byte[] Hash(string random) => SHA256.HashData(Encoding.UTF8.GetBytes(random));

    /// <summary>Compares in constant time, so timing does not reveal how much of a guess matched.</summary>
    public static bool Matches(string random, ReadOnlySpan<byte> storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(random), storedHash);
}
