using Tarjuma.Server.Protocols.Apy;
using Tarjuma.Server.Protocols.MyMemory;
using Tarjuma.Server.Protocols.Shared;
using Tarjuma.Server.Protocols.TmServer;
using Tarjuma.Server.Protocols.TmxFeed;

namespace Tarjuma.Server.Protocols;

/// <summary>
/// The CAT-tool protocols over plain HTTP, each a module over the engine: <c>/tmserver</c>,
/// <c>/apy</c>, <c>/mymemory</c>, <c>/tmx</c>. Each base path also answers under
/// <c>/{base}/k/{key}/</c>, for clients with nowhere but the URL to put an API key.
/// </summary>
public static class CatProtocols
{
    /// <summary>The base paths: a contract, like the command line's.</summary>
    public static readonly IReadOnlyList<string> BasePaths = ["/tmserver", "/apy", "/mymemory", "/tmx"];

    public static WebApplicationBuilder AddCatProtocols(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ProtocolOptions>().Bind(builder.Configuration.GetSection(ProtocolOptions.Section))
            .Validate(o => o.ApyMinScore is >= 1 and <= 101, $"{ProtocolOptions.Section}:{nameof(ProtocolOptions.ApyMinScore)} must be from 1 to 101.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ProtocolAccess>();
        return builder;
    }

    public static WebApplication MapCatProtocols(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Map(app, "/tmserver", TmServerEndpoints.Map);
        Map(app, "/apy", ApyEndpoints.Map);
        Map(app, "/mymemory", MyMemoryEndpoints.Map);
        Map(app, "/tmx", TmxFeedEndpoints.Map);
        return app;
    }

    private static void Map(WebApplication app, string basePath, Action<IEndpointRouteBuilder> map)
    {
        map(app.MapGroup(basePath));
        map(app.MapGroup($"{basePath}/k/{{{ProtocolStyle.PathKey}}}"));
    }
}
