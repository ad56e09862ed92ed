using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Tmx;
using Tarjuma.Server.Protocols.Shared;

namespace Tarjuma.Server.Protocols.TmxFeed;

/// <summary>
/// <c>GET /tmx/{memory}.tmx</c>: the memory as TMX 1.4b for an OmegaT team project's
/// <c>&lt;repository type="http"&gt;</c> (mapped into <c>tm/auto/</c>). The ETag is strong
/// (RFC 9110 §8.8.3): a hash of the exact bytes served, whose header date is the memory's last
/// change rather than the clock, so it changes exactly when the memory's content does;
/// <c>If-None-Match</c> with it answers <c>304</c> with no body.
/// </summary>
internal static class TmxFeedEndpoints
{
    public const string ContentType = "application/x-tmx+xml; charset=utf-8";

    private static readonly ProtocolStyle Style = new("tmx", ProtocolStyle.KeyFromPath, WriteErrorAsync);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapMethods("/{memory}.tmx", [HttpMethods.Get, HttpMethods.Head], ProtocolEndpoint.Handle(Style, FeedAsync));

    /// <summary>Errors as plain text: the client is a file download.</summary>
    public static async Task WriteErrorAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(message, response.HttpContext.RequestAborted);
    }

    private static async Task FeedAsync(ProtocolCall call)
    {
        var name = MemoryName.Validate(call.Http.GetRouteValue("memory") as string, "memory");
        if (!call.Caller.Allows(name, MemoryAccess.Read))
        {
            throw new ProtocolException(StatusCodes.Status403Forbidden, $"This key may not read memory '{name}'.");
        }

        var memory = await call.Store.FindMemoryAsync(name, call.Aborted) ?? throw TarjumaException.MemoryNotFound(name);

        // The whole export is written once to a temporary file to hash it before the headers go out.
        await using var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"tarjuma-feed-{Guid.NewGuid():N}.tmx"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await TmxWriter.WriteAsync(file, memory, call.Store.StreamUnitsAsync(name, call.Aborted), memory.UpdatedAt, call.Aborted);
        file.Position = 0;
        var hash = await SHA256.HashDataAsync(file, call.Aborted);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"");

        var response = call.Http.Response;
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = "no-cache";
        if (NoneMatch(call.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = file.Length;
        if (HttpMethods.IsHead(call.Request.Method))
        {
            return;
        }

        file.Position = 0;
        await file.CopyToAsync(response.Body, call.Aborted);
    }

    /// <summary>RFC 9110 §13.1.2: <c>*</c> or any listed tag equal under the weak comparison.</summary>
    private static bool NoneMatch(HttpRequest request, EntityTagHeaderValue etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }
}
