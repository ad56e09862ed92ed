using Google.Rpc;
using Grpc.Core;

namespace Tarjuma.Server.Tests;

internal static class GrpcAssert
{
    /// <summary>Asserts a call fails with <paramref name="code"/>; returns the exception for more checks.</summary>
    public static async Task<RpcException> FailsWith(StatusCode code, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == exception.StatusCode, $"expected {code}, got {exception.StatusCode}: {exception.Status.Detail}");
        Assert.DoesNotContain("   at ", exception.Status.Detail, StringComparison.Ordinal);
        return exception;
    }

    /// <summary>The fields a google.rpc.BadRequest detail names.</summary>
    public static IReadOnlyList<string> BadFields(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        Assert.NotNull(status);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return [.. badRequest.FieldViolations.Select(v => v.Field)];
    }
}
