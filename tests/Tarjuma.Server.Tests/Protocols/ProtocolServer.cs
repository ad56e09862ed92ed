using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;

namespace Tarjuma.Server.Tests.Protocols;

/// <summary>
/// The real server on Kestrel at a loopback port, spoken to over real HTTP/1.1 sockets (not the
/// in-memory TestServer), with keys and three memories of our own Tajik and English sentences.
/// Units carry fixed dates so golden bodies are stable.
/// </summary>
public sealed class ProtocolServer : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static readonly DateTimeOffset Changed = new(2025, 6, 1, 17, 5, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tarjuma-tests", Guid.NewGuid().ToString("N"));
    private readonly IDictionary<string, string?> _settings;
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public ProtocolServer()
        : this(new Dictionary<string, string?>())
    {
    }

    public ProtocolServer(IDictionary<string, string?> settings)
    {
        _settings = settings;
        this.UseKestrel(0);
        StartServer();
        Seed();
    }

    public IndexedMemoryStore Store => Services.GetRequiredService<IndexedMemoryStore>();

    /// <summary>A key's secret by role: admin, reader (news:read), writer (news:write), laws (laws:read), all (*:read).</summary>
    public string Key(string role) => _keys[role];

    /// <summary>A client of the real socket; with a role, it sends <c>Authorization: Bearer</c>.</summary>
    public HttpClient Client(string? role = null)
    {
        var client = CreateClient();
        client.DefaultRequestVersion = System.Net.HttpVersion.Version11;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key(role));
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>(_settings)
        {
            ["Tarjuma:Database"] = Path.Combine(_directory, "tarjuma.db"),
            // The plain-HTTP listener's versions (the appsettings default is the gRPC port's HTTP/2 only).
            ["Kestrel:EndpointDefaults:Protocols"] = "Http1",
        }));
    }

    private void Seed()
    {
        var store = Store;
        store.CreateMemoryAsync(new NewMemory("news", Tag("tg"), Tag("en"))).GetAwaiter().GetResult();
        store.CreateMemoryAsync(new NewMemory("laws", Tag("tg-TJ"), Tag("en-GB"))).GetAwaiter().GetResult();
        store.CreateMemoryAsync(new NewMemory("russian", Tag("tg"), Tag("ru"))).GetAwaiter().GetResult();
        Add("news",
            Unit("Ҳукумат барномаи навро қабул кард.", "The government adopted the new programme."),
            Unit("Мактаби нав дар Душанбе кушода шуд.", "A new school opened in Dushanbe.") with { PreviousSource = "Имрӯз ҷашн буд." },
            Unit("Нархи нон 5 сомонӣ аст.", "The price of bread is 5 somoni."),
            Unit("Роҳ/кӯча баста аст.", "The road/street is closed.") with { Notes = [new UnitNote("signs")] });
        Add("laws", Unit("Қонун аз 1 январ эътибор пайдо мекунад.", "The law enters into force on 1 January."));
        Add("russian", Unit("Мактаби нав дар Душанбе кушода шуд.", "В Душанбе открылась новая школа."));

        var keys = Services.GetRequiredService<IApiKeyStore>();
        _keys["admin"] = Create(keys, new NewApiKey("admin", true, []));
        _keys["reader"] = Create(keys, new NewApiKey("reader", false, [new KeyGrant("news", MemoryAccess.Read)]));
        _keys["writer"] = Create(keys, new NewApiKey("writer", false, [new KeyGrant("news", MemoryAccess.Write)]));
        _keys["laws"] = Create(keys, new NewApiKey("laws", false, [new KeyGrant("laws", MemoryAccess.Read)]));
        _keys["all"] = Create(keys, new NewApiKey("all", false, [new KeyGrant(KeyGrant.AllMemories, MemoryAccess.Read)]));
    }

    private void Add(string memory, params TranslationUnit[] units) => Store.AddUnitsAsync(memory, units).GetAwaiter().GetResult();

    private static TranslationUnit Unit(string source, string target) => new()
    {
        Source = SegmentText.Plain(source),
        Target = SegmentText.Plain(target),
        CreatedBy = "Фарида",
        CreatedAt = Created,
        ChangedBy = "editor",
        ChangedAt = Changed,
    };

    private static LanguageTag Tag(string value) => LanguageTag.Parse(value, "tag");

    private static string Create(IApiKeyStore keys, NewApiKey key) => keys.CreateAsync(key).GetAwaiter().GetResult().Secret;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on some platform: the temp folder is cleaned later.
            }
        }
    }
}
