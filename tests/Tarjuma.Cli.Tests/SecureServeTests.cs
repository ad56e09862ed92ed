using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Tarjuma.CommandLine.Backends;
using Tarjuma.Core.Security;
using Tarjuma.Protos.V1;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Tests;

/// <summary><c>tarjuma serve</c> with a certificate and keys: TLS on the wire, keys required.</summary>
public sealed class SecureServeTests : IDisposable
{
    private const string Password = "test-only";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Serve_with_a_certificate_speaks_tls_and_requires_the_key()
    {
        using var certificate = SelfSigned();
        var pfx = _temp.File("server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, Password));
        string secret;
        using (var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _temp.Database }))
        {
            secret = (await store.CreateAsync(new NewApiKey("ops", true, []))).Secret;
        }

        var address = $"https://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serve = CliRun.RunAsync(stop.Token, "serve", "--urls", address, "--http-urls", $"https://127.0.0.1:{FreePort()}", "--db", _temp.Database, "--cert",
            pfx, "--cert-password", Password);
        try
        {
            using var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
            using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });
            var rules = new SegmentationService.SegmentationServiceClient(channel);

            var anonymous = await EventuallyAsync(() => rules.ListRulesAsync(new ListRulesRequest()).ResponseAsync);
            var authorized = await rules.ListRulesAsync(new ListRulesRequest(), new Metadata { { "authorization", "Bearer " + secret } });

            // With TLS, ALPN lets plain-HTTP clients share the gRPC port.
            using var httpHandler = new SocketsHttpHandler();
            httpHandler.SslOptions.RemoteCertificateValidationCallback = handler.SslOptions.RemoteCertificateValidationCallback;
            using var http = new HttpClient(httpHandler);
            var banner = await http.GetAsync(new Uri($"{address}/"));

            Assert.Equal(StatusCode.Unauthenticated, anonymous);
            Assert.NotEmpty(authorized.RuleSets);
            Assert.Equal(HttpStatusCode.OK, banner.StatusCode);
            Assert.Equal(new Version(1, 1), banner.Version);
        }
        finally
        {
            await stop.CancelAsync();
            await serve;
        }
    }

    [Fact]
    public async Task Remote_backend_sends_its_key()
    {
        using (var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _temp.Database }))
        {
            await store.CreateAsync(new NewApiKey("ops", true, []));
        }

        var address = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serve = CliRun.RunAsync(stop.Token, "serve", "--urls", address, "--http-urls", "none", "--db", _temp.Database);
        try
        {
            string secret;
            using (var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _temp.Database }))
            {
                secret = (await store.CreateAsync(new NewApiKey("reader", false, [new KeyGrant("*", MemoryAccess.Read)]))).Secret;
            }

            await using var anonymous = RemoteBackend.Connect(address, apiKey: null);
            await using var keyed = RemoteBackend.Connect(address, secret);

            Assert.Equal(StatusCode.Unauthenticated, await EventuallyAsync(() => anonymous.ListMemoriesAsync(CancellationToken.None)));
            Assert.Empty(await keyed.ListMemoriesAsync(CancellationToken.None));
        }
        finally
        {
            await stop.CancelAsync();
            await serve;
        }
    }

    /// <summary>Calls until the server is up; returns the call's status.</summary>
    private static async Task<StatusCode> EventuallyAsync(Func<Task> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return StatusCode.OK;
            }
            catch (RpcException exception) when (exception.StatusCode != StatusCode.Unavailable || attempt >= 100)
            {
                return exception.StatusCode;
            }
            catch (RpcException)
            {
                await Task.Delay(100);
            }
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
