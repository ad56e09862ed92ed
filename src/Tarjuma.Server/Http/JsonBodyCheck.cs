using System.Text.Json;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Tarjuma.Server.Http;

/// <summary>
/// JSON transcoding answers any unreadable body with "Request JSON payload is not correctly
/// formatted." and nothing more. This check reads a REST call's body first and, when it is not
/// JSON, answers the same 400 shape ({code: 3, message, details}) with where it went wrong
/// ("body: … LineNumber: 0 | BytePositionInLine: 9."). Well-formed bodies pass on unchanged.
/// </summary>
internal static class JsonBodyCheck
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next, int limit)
    {
        var request = context.Request;
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null
            || request.ContentLength is not (> 0 and var length) || length > limit)
        {
            // Not REST, no body, or one over the message limit (which the call itself refuses).
            await next();
            return;
        }

        request.EnableBuffering();
        string? error = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException exception)
        {
            error = "body: the request is not valid JSON: " + exception.Message;
        }

        if (error is not null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { code = 3, message = error, details = Array.Empty<object>() }, context.RequestAborted);
            return;
        }

        request.Body.Position = 0;
        await next();
    }
}
