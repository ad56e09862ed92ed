using System.Globalization;
using Grpc.Core;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Key_over_its_rate_gets_resource_exhausted_with_a_retry_hint()
    {
        using var server = new SecuredApplication(new Dictionary<string, string?>
        {
            ["Tarjuma:Security:RequestsPerSecond"] = "1",
            ["Tarjuma:Security:Burst"] = "2",
        });
        var reader = SecuredApplication.Bearer(server.Reader);
        var request = new GetMemoryRequest { Name = "news" };

        await server.App.Memories.GetMemoryAsync(request, reader);
        await server.App.Memories.GetMemoryAsync(request, reader);
        var error = await GrpcAssert.FailsWith(StatusCode.ResourceExhausted, async () => await server.App.Memories.GetMemoryAsync(request, reader));

        var hint = long.Parse(error.Trailers.GetValue(AuthInterceptor.RetryAfterTrailer)!, CultureInfo.InvariantCulture);
        Assert.InRange(hint, 1, 1_000);
        Assert.Contains("retry after", error.Status.Detail, StringComparison.Ordinal);
        // Limits are per key: another key is not slowed down by this one.
        await server.App.Memories.GetMemoryAsync(request, SecuredApplication.Bearer(server.Writer));
    }

    [Fact]
    public async Task Key_at_its_concurrency_limit_is_refused_until_a_call_ends()
    {
        using var server = new SecuredApplication(new Dictionary<string, string?>
        {
            ["Tarjuma:Security:RequestsPerSecond"] = "0",
            ["Tarjuma:Security:MaxConcurrentCalls"] = "1",
        });
        var writer = SecuredApplication.Bearer(server.Writer);
        var request = new GetMemoryRequest { Name = "news" };

        using (var open = server.App.Units.AddUnits(writer))
        {
            await open.RequestStream.WriteAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Шаб шуд.", "Night fell.") });
            var refused = await RefusedWithinAsync(() => server.App.Memories.GetMemoryAsync(request, writer).ResponseAsync);
            Assert.Equal(StatusCode.ResourceExhausted, refused);
            await open.RequestStream.CompleteAsync();
            Assert.Equal(1, (await open.ResponseAsync).Added);
        }

        Assert.Equal("news", (await server.App.Memories.GetMemoryAsync(request, writer)).Name);
    }

    /// <summary>The stream's server side starts asynchronously: poll briefly until it holds its slot.</summary>
    private static async Task<StatusCode> RefusedWithinAsync(Func<Task> call)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await call();
            }
            catch (RpcException exception)
            {
                return exception.StatusCode;
            }

            await Task.Delay(20);
        }

        return StatusCode.OK;
    }
}
