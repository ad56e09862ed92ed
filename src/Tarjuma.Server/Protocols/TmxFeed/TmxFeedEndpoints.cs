using System.Globalization;
using Microsoft.Net.Http.Headers;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Core.Tmx;
using Tarjuma.Server.Protocols.Shared;

namespace Tarjuma.Server.Protocols.TmxFeed;

/// <summary>
/// <c>GET /tmx/{memory}.tmx</c>: the memory as TMX 1.4b for an OmegaT team project's
/// <c>&lt;repository type="http"&gt;</c> (mapped into <c>tm/auto/</c>). The ETag is strong
/// (RFC 9110 §8.8.3) and costs no export: it is made from the memory's change-log version and
/// last-change time (<see cref="ETagOf"/>), and the file's header date is that time rather than
/// the clock, so the same tag always stands for the same bytes; <c>If-None-Match</c> with it
/// answers <c>304</c> with no body.
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

        // Version and memory are read before any unit: content exported later can only be newer than its tag says
        // (the next request then sees a new tag and downloads again), never older, so a 304 is never wrong.
        var version = await call.Store.GetMemoryVersionAsync(name, call.Aborted);
        var memory = await call.Store.FindMemoryAsync(name, call.Aborted) ?? throw TarjumaException.MemoryNotFound(name);
        var etag = ETagOf(version, memory);

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
        if (HttpMethods.IsHead(call.Request.Method))
        {
            // No length: it is only known by exporting, which HEAD is meant to spare.
            return;
        }

        // Streamed as it is read (chunked): a failure part-way aborts the connection (see ProtocolEndpoint), so no client keeps half a file.
        await TmxWriter.WriteAsync(response.Body, memory, call.Store.StreamUnitsAsync(name, call.Aborted), memory.UpdatedAt, call.Aborted);
    }

    /// <summary>
    /// The strong tag: the memory's version (its latest change-log entry: every unit added, merged, edited or
    /// deleted, the memory created again) and its last-change time (which also moves with its description, the
    /// only other thing the file holds), behind the feed's format number, so a server writing the file differently
    /// never answers 304 to a file of the old format.
    /// </summary>
    public static EntityTagHeaderValue ETagOf(long version, MemoryInfo memory) =>
        new(string.Create(CultureInfo.InvariantCulture, $"\"{FeedFormat}-{version:x}-{memory.UpdatedAt.UtcTicks:x}\""));

    /// <summary>Raise when the exported file changes for the same memory content (TmxWriter's output).</summary>
    private const string FeedFormat = "t1";

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
