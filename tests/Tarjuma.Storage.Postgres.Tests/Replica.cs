using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Tarjuma.Protos.V1;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary>
/// A real Tarjuma server in a test host on a PostgreSQL schema: one replica among several on one database.
/// The type argument names the server's host assembly, Tarjuma.Hosting (its Program clashes with the command line's, also referenced here).
/// </summary>
internal sealed class Replica(string connectionString) : WebApplicationFactory<Tarjuma.Hosting.ConsoleGrpcAddress>
{
    private GrpcChannel? _channel;

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    public MemoryService.MemoryServiceClient Memories => new(Channel);

    public UnitService.UnitServiceClient Units => new(Channel);

    public LookupService.LookupServiceClient Lookup => new(Channel);

    public Health.HealthClient Health => new(Channel);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tarjuma:Store"] = "postgres",
            ["Tarjuma:Connection"] = connectionString,
        }));
    }

    /// <summary>The target of the exact (100) match for <paramref name="source"/>, or null.</summary>
    public async Task<string?> ExactTargetAsync(string memory, string source)
    {
        var response = await Lookup.LookupAsync(new LookupRequest { Memory = memory, Text = source });
        return response.Matches.FirstOrDefault(m => m.Score == 100)?.Unit.Target.Text;
    }

    protected override void Dispose(bool disposing)
    {
        _channel?.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Waiting for another replica to see a write: polls, with a bound far above the 1 s the design promises.</summary>
internal static class Eventually
{
    /// <summary>Generous on purpose (2-core machine under load); a failure means "never", not "slow".</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            T value;
            try
            {
                value = await probe();
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                continue;
            }

            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{what}: not seen within {Bound.TotalSeconds} s (last: {value}).");
            }

            await Task.Delay(20);
        }
    }
}
