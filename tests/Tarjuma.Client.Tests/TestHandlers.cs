using System.Net;
using System.Net.Http.Headers;

namespace Tarjuma.Client.Tests;

/// <summary>
/// Answers the first <paramref name="failures"/> attempts of every call with <c>Unavailable</c>
/// (a trailers-only gRPC response, as a restarting server or a proxy sends), then passes calls on.
/// Counts the attempts per method path.
/// </summary>
internal sealed class FlakyHandler(int failures) : DelegatingHandler
{
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int Attempts(string path)
    {
        lock (_attempts)
        {
            return _attempts.TryGetValue(path, out var count) ? count : 0;
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int attempt;
        lock (_attempts)
        {
            var path = request.RequestUri!.AbsolutePath;
            attempt = _attempts[path] = (_attempts.TryGetValue(path, out var count) ? count : 0) + 1;
        }

        if (attempt > failures)
        {
            return base.SendAsync(request, cancellationToken);
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Version = HttpVersion.Version20,
            RequestMessage = request,
            Content = new ByteArrayContent([]),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        response.Headers.Add("grpc-status", "14");
        response.Headers.Add("grpc-message", "injected: server restarting");
        return Task.FromResult(response);
    }
}

/// <summary>Holds every call for <paramref name="delay"/> before it reaches the server (a slow network).</summary>
internal sealed class SlowHandler(TimeSpan delay) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
