using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Tarjuma.WebConsole.Session;

/// <summary>A file made in a circuit for the browser to fetch once.</summary>
public sealed record DownloadFile(byte[] Content, string ContentType, string FileName, DateTimeOffset Expires, bool Reusable);

/// <summary>
/// Short-lived download links (one-use unless said otherwise). The key stays in the circuit: the circuit fetches the file
/// through the API, leaves it here under a random ticket, and the browser GETs it once. A ticket is
/// 128 random bits, so it cannot be guessed, and it carries no key.
/// </summary>
public sealed class DownloadTickets(TimeProvider time)
{
    public const string PathPrefix = "/console-downloads/";

    /// <summary>How long a ticket waits for the browser: long enough to read a result before clicking, short enough not to pile up.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, DownloadFile> _files = new(StringComparer.Ordinal);

    /// <summary>
    /// Leaves a file and returns the path the browser fetches it from: once, or until it expires when
    /// <paramref name="reusable"/> (a small table the user may download twice).
    /// </summary>
    public string Add(byte[] content, string contentType, string fileName, bool reusable = false)
    {
        var now = time.GetUtcNow();
        foreach (var (ticket, file) in _files)
        {
            if (file.Expires <= now)
            {
                _files.TryRemove(ticket, out _);
            }
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _files[id] = new DownloadFile(content, contentType, fileName, now + Lifetime, reusable);
        return PathPrefix + id;
    }

    /// <summary>The file for <paramref name="ticket"/> (removed unless reusable); null when unknown or expired.</summary>
    public DownloadFile? Take(string ticket)
    {
        if (!_files.TryGetValue(ticket, out var file) || file.Expires <= time.GetUtcNow())
        {
            _files.TryRemove(ticket, out _);
            return null;
        }

        return file.Reusable || _files.TryRemove(ticket, out _) ? file : null;
    }
}
