using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.OpenApi.Models;
using Tarjuma.Protos.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Tarjuma.Server.Http;

/// <summary>
/// The gRPC API over plain HTTP: REST through gRPC JSON transcoding of the protos' google.api.http
/// rules (paths under <c>/v1</c>, AIP-style resource names and custom methods), its OpenAPI document
/// at <see cref="OpenApiPath"/>, and gRPC-Web for browsers. Both go through the gRPC services and
/// their interceptors, so keys, grants, limits and error statuses are the same as over gRPC.
/// </summary>
internal static class HttpApi
{
    /// <summary>The OpenAPI document's address (a contract, like the REST paths).</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Services of the tarjuma.v1 API, in the order the document lists them.</summary>
    public static readonly IReadOnlyList<ServiceDescriptor> Services =
    [
        MemoryService.Descriptor, UnitService.Descriptor, TmxService.Descriptor, LookupService.Descriptor,
        DocumentService.Descriptor, SegmentationService.Descriptor, AlignmentService.Descriptor, KeyService.Descriptor,
    ];

    /// <summary>Streaming RPCs: JSON transcoding would only half-serve them, so they have no HTTP rule.</summary>
    public static IEnumerable<MethodDescriptor> StreamingMethods =>
        Services.SelectMany(s => s.Methods).Where(m => m.IsClientStreaming || m.IsServerStreaming);

    public static WebApplicationBuilder AddTarjumaHttpApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpc().AddJsonTranscoding(transcoding =>
            // The rich status's details (google.rpc.BadRequest naming the field) are written as JSON `Any`s.
            transcoding.TypeRegistry = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor));
        builder.Services.AddCors();
        // Read from the final configuration (a test host's or environment settings included), when the policy is first needed.
        builder.Services.AddOptions<CorsOptions>().Configure<IConfiguration>((cors, configuration) => cors.AddDefaultPolicy(policy =>
        {
            var origins = CorsSettings.Origins(configuration);
            _ = origins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins([.. origins]);
            // Keys travel in Authorization, not cookies: no credentials mode. gRPC-Web clients read the status from these headers.
            policy.AllowAnyMethod().AllowAnyHeader().WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding", "ETag",
                "Retry-After");
        }));
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Tarjuma translation-memory API",
                Version = "v1",
                Description = Description(),
            });
            // Only the tarjuma.v1 REST paths: not "/" nor the gRPC-only health and reflection services.
            swagger.DocInclusionPredicate((_, api) => api.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true);
            var bearer = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (tj_…): 'Authorization: Bearer KEY', checked exactly as over gRPC.",
                Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" },
            };
            swagger.AddSecurityDefinition("bearer", bearer);
            swagger.DocumentFilter<EquivalentPathsFilter>();
            swagger.AddSecurityRequirement(new OpenApiSecurityRequirement { [bearer] = [] });
        });
        return builder;
    }

    public static WebApplication MapTarjumaHttpApi(this WebApplication app, int messageLimit)
    {
        if (CorsSettings.Origins(app.Configuration).Count > 0)
        {
            // First, so a preflight is answered before any key check (browsers send no key with it).
            app.UseCors();
        }

        app.Use((context, next) => JsonBodyCheck.InvokeAsync(context, () => next(context), messageLimit));
        // Every gRPC service answers gRPC-Web (application/grpc-web[-text]) as well; it needs no listener of its own.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapSwagger("/openapi/{documentName}.json");
        return app;
    }

    private static string Description() =>
        "REST mapping of the gRPC API tarjuma.v1 (protos/tarjuma/v1): the same messages in proto3 JSON (lowerCamelCase names), "
        + "the same keys, grants and rate limits. Errors: the gRPC status as HTTP status (400 InvalidArgument, 401 Unauthenticated, "
        + "403 PermissionDenied, 404 NotFound, 409 AlreadyExists, 429 ResourceExhausted, 503 Unavailable) with a JSON body "
        + "{code, message, details}; the message names the field at fault. Streaming calls are gRPC-only (gRPC or gRPC-Web), "
        + "they have no REST path: " + string.Join(", ", StreamingMethods.Select(m => m.Service.Name + "." + m.Name)) + ".";
}
