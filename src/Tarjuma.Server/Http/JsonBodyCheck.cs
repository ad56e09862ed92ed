using System.Text.Json;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Tarjuma.Server.Http;

/// <summary>
/// JSON transcoding answers any unreadable body with "Request JSON payload is not correctly
/// formatted." and nothing more. This check reads a REST call's body first and, when it is not
/// JSON, answers the same 400 shape ({code: 3, message, details}) with where it went wrong
/// ("body: … LineNumber: 0 | BytePositionInLine: 9."), and when a field's value is of the wrong type,
/// names the field (<see cref="JsonFieldTypes"/>). Other bodies pass on unchanged.
/// </summary>
internal static class JsonBodyCheck
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next, int limit)
    {
        var request = context.Request;
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not { } transcoding
            || request.ContentLength is not (> 0 and var length) || length > limit)
        {
            // Not REST, no body, or one over the message limit (which the call itself refuses).
            await next();
            return;
        }

        request.EnableBuffering();
        string? error = null;
        (string Field, string Description)? mismatch = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            var (message, prefix) = BodyMessage(transcoding);
            mismatch = message is null ? null : JsonFieldTypes.FindMismatch(document.RootElement, message, prefix);
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

        if (mismatch is { } wrong)
        {
            // The shape of an InvalidArgument from the services: the message names the field, BadRequest carries it.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            var detail = new Dictionary<string, object>
            {
                ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                ["fieldViolations"] = new[] { new { field = wrong.Field, description = wrong.Description } },
            };
            await context.Response.WriteAsJsonAsync(
                new { code = 3, message = $"{wrong.Field}: {wrong.Description}", details = new[] { detail } }, context.RequestAborted);
            return;
        }

        request.Body.Position = 0;
        await next();
    }

    /// <summary>The message the body holds: the request (<c>body: "*"</c>) or one of its fields (<c>body: "unit"</c>), with that field's path.</summary>
    private static (MessageDescriptor? Message, string Prefix) BodyMessage(GrpcJsonTranscodingMetadata transcoding)
    {
        var input = transcoding.MethodDescriptor.InputType;
        var body = transcoding.HttpRule.Body;
        return body switch
        {
            "*" => (input, ""),
            "" => (null, ""),
            _ => input.FindFieldByName(body) is { FieldType: FieldType.Message, IsRepeated: false } field ? (field.MessageType, body) : (null, ""),
        };
    }
}
