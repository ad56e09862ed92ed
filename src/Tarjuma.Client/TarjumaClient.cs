using Grpc.Core;
using Grpc.Net.Client;
using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

/// <summary>
/// A typed client of a Tarjuma server: memories, units, TMX import and export, lookup, concordance,
/// analysis, pre-translation, segmentation, alignment and API keys. Thread-safe; create one per
/// server and share it. Every call has a deadline (<see cref="TarjumaClientOptions"/>), takes a
/// <see cref="CancellationToken"/> (cancelling throws <see cref="OperationCanceledException"/>) and
/// reports a server error as a <see cref="TarjumaRpcException"/> subclass naming the field or line.
/// Results are the generated messages of <c>Tarjuma.Protos.V1</c> (documented in protos/tarjuma/v1)
/// or small records of this namespace.
/// </summary>
public sealed partial class TarjumaClient : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;
    private readonly string? _apiKey;
    private readonly TarjumaClientOptions _options;
    private readonly MemoryService.MemoryServiceClient _memories;
    private readonly UnitService.UnitServiceClient _units;
    private readonly TmxService.TmxServiceClient _tmx;
    private readonly LookupService.LookupServiceClient _lookup;
    private readonly DocumentService.DocumentServiceClient _documents;
    private readonly SegmentationService.SegmentationServiceClient _segmentation;
    private readonly AlignmentService.AlignmentServiceClient _alignment;
    private readonly KeyService.KeyServiceClient _keys;

    private TarjumaClient(CallInvoker invoker, GrpcChannel? ownedChannel, string? apiKey, TarjumaClientOptions options)
    {
        _ownedChannel = ownedChannel;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        _options = options;
        _memories = new MemoryService.MemoryServiceClient(invoker);
        _units = new UnitService.UnitServiceClient(invoker);
        _tmx = new TmxService.TmxServiceClient(invoker);
        _lookup = new LookupService.LookupServiceClient(invoker);
        _documents = new DocumentService.DocumentServiceClient(invoker);
        _segmentation = new SegmentationService.SegmentationServiceClient(invoker);
        _alignment = new AlignmentService.AlignmentServiceClient(invoker);
        _keys = new KeyService.KeyServiceClient(invoker);
    }

    /// <summary>
    /// A client of the server at <paramref name="address"/> (<c>http://host:port</c> or
    /// <c>https://…</c>) that owns its channel (disposed with the client).
    /// </summary>
    /// <param name="address">The server's address, e.g. <c>http://127.0.0.1:5151</c>.</param>
    /// <param name="apiKey">Sent as <c>authorization: Bearer</c> on every call; null or empty for none.</param>
    /// <param name="options">Deadlines, retries, sizes; null for <see cref="TarjumaClientOptions.Default"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not an absolute http(s) URL.</exception>
    public static TarjumaClient Create(string address, string? apiKey = null, TarjumaClientOptions? options = null)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' is not an http:// or https:// URL.", nameof(address));
        }

        options ??= TarjumaClientOptions.Default;
        options.Validate();
        return Owning(GrpcChannel.ForAddress(uri, ChannelOptions(options)), apiKey, options);
    }

    /// <summary>
    /// A client over an <see cref="HttpClient"/> the caller owns (not disposed by the client); its
    /// <see cref="HttpClient.BaseAddress"/> is the server's address. Use it for a custom handler
    /// (e.g. <c>WinHttpHandler</c> on .NET Framework, <c>GrpcWebHandler</c>, a proxy or a test server).
    /// </summary>
    /// <param name="httpClient">The client to send calls through; needs a <see cref="HttpClient.BaseAddress"/>.</param>
    /// <param name="apiKey">Sent as <c>authorization: Bearer</c> on every call; null or empty for none.</param>
    /// <param name="options">Deadlines, retries, sizes; null for <see cref="TarjumaClientOptions.Default"/>.</param>
    public static TarjumaClient Create(HttpClient httpClient, string? apiKey = null, TarjumaClientOptions? options = null)
    {
        ThrowIfNull(httpClient, nameof(httpClient));
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the server's address.", nameof(httpClient));
        }

        options ??= TarjumaClientOptions.Default;
        options.Validate();
        var channelOptions = ChannelOptions(options);
        channelOptions.HttpClient = httpClient;
        channelOptions.DisposeHttpClient = false;
        return Owning(GrpcChannel.ForAddress(httpClient.BaseAddress, channelOptions), apiKey, options);
    }

    /// <summary>
    /// A client over a <see cref="GrpcChannel"/> the caller owns and configures (not disposed by the
    /// client). The channel's own service config decides retries; <see cref="TarjumaClientOptions.MaxAttempts"/>
    /// and <see cref="TarjumaClientOptions.MaxReceiveMessageSize"/> do not apply.
    /// </summary>
    /// <param name="channel">The channel to call through.</param>
    /// <param name="apiKey">Sent as <c>authorization: Bearer</c> on every call; null or empty for none.</param>
    /// <param name="options">Deadlines and chunk size; null for <see cref="TarjumaClientOptions.Default"/>.</param>
    public static TarjumaClient Create(GrpcChannel channel, string? apiKey = null, TarjumaClientOptions? options = null)
    {
        ThrowIfNull(channel, nameof(channel));
        options ??= TarjumaClientOptions.Default;
        options.Validate();
        return new TarjumaClient(channel.CreateCallInvoker(), ownedChannel: null, apiKey, options);
    }

    /// <summary>The settings this client was built with.</summary>
    public TarjumaClientOptions Options => _options;

    /// <summary>Disposes the channel when the client created it.</summary>
    public void Dispose() => _ownedChannel?.Dispose();

    private static TarjumaClient Owning(GrpcChannel channel, string? apiKey, TarjumaClientOptions options) =>
        new(channel.CreateCallInvoker(), channel, apiKey, options);

    private static GrpcChannelOptions ChannelOptions(TarjumaClientOptions options) => new()
    {
        ServiceConfig = RetryPolicies.ServiceConfig(options),
        MaxReceiveMessageSize = options.MaxReceiveMessageSize,
        // Chunks and documents are the only big requests; the server caps them anyway.
        MaxSendMessageSize = options.MaxReceiveMessageSize,
    };

    /// <summary>Call options of a unary call: the API key header, the unary deadline, the token.</summary>
    private CallOptions UnaryCall(CancellationToken cancellationToken) => Call(_options.Deadline, cancellationToken);

    /// <summary>Call options of a streaming call: the longer streaming deadline.</summary>
    private CallOptions StreamingCall(CancellationToken cancellationToken) => Call(_options.StreamingDeadline, cancellationToken);

    private CallOptions Call(TimeSpan deadline, CancellationToken cancellationToken)
    {
        Metadata? headers = null;
        if (_apiKey is not null)
        {
            // Sent as a header rather than call credentials: those are refused on plain http, and
            // loopback servers in developer mode are plain http.
            headers = new Metadata { { "authorization", "Bearer " + _apiKey } };
        }

        DateTime? expires = deadline == Timeout.InfiniteTimeSpan ? null : DateTime.UtcNow + deadline;
        return new CallOptions(headers, expires, cancellationToken);
    }

    /// <summary>Runs a unary call, mapping its failure to the client's exceptions.</summary>
    private static async Task<TResponse> UnaryAsync<TResponse>(Func<AsyncUnaryCall<TResponse>> start, CancellationToken cancellationToken)
    {
        try
        {
            using var call = start();
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw RpcErrors.Map(exception, cancellationToken);
        }
    }

    /// <summary>Reads the next message of a response stream, mapping a failure to the client's exceptions.</summary>
    private static async Task<bool> MoveNextAsync<T>(IAsyncStreamReader<T> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw RpcErrors.Map(exception, cancellationToken);
        }
    }

    internal static void ThrowIfNull(object? value, string name)
    {
#if NETSTANDARD2_0
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }
#else
        ArgumentNullException.ThrowIfNull(value, name);
#endif
    }

    /// <summary>Writes one message; the token also cancels a write waiting for flow control (net10.0).</summary>
    private static Task WriteAsync<T>(IAsyncStreamWriter<T> writer, T message, CancellationToken cancellationToken)
    {
#if NETSTANDARD2_0
        // netstandard2.0's Grpc.Core.Api has no token overload; the call's own token still ends it.
        cancellationToken.ThrowIfCancellationRequested();
        return writer.WriteAsync(message);
#else
        return writer.WriteAsync(message, cancellationToken);
#endif
    }
}
