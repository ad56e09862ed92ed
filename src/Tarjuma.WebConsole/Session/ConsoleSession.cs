using System.Globalization;
using Microsoft.Extensions.Options;
using Tarjuma.Client;
using Tarjuma.Protos.V1;
using Tarjuma.WebConsole.Text;

namespace Tarjuma.WebConsole.Session;

/// <summary>
/// One browser tab's session (a Blazor circuit, scoped service): the signed-in key lives here, in
/// server memory, and nowhere in the browser (no cookie, no storage, no URL). Every call goes
/// through <see cref="TarjumaClient"/> to the server's own gRPC API with that key, so the console
/// can do exactly what the key may do; a key the server no longer accepts signs the session out.
/// </summary>
public sealed class ConsoleSession(IConsoleGrpcAddress grpcAddress, IOptions<ConsoleOptions> options) : IDisposable
{
    private TarjumaClient? _client;

    /// <summary>Raised when sign-in state, language or the chosen memory changes, so the layout re-renders.</summary>
    public event Action? Changed;

    /// <summary>The signed-in key (never its secret), or null.</summary>
    public ApiKeyInfo? Caller { get; private set; }

    /// <summary>Why the session was signed out by the server (a revoked key), shown on the sign-in form.</summary>
    public string? SignedOutReason { get; private set; }

    public bool SignedIn => _client is not null && Caller is not null;

    public ConsoleText Text { get; private set; } = ConsoleText.English;

    /// <summary>Culture for dates and numbers, following the interface language.</summary>
    public CultureInfo Culture { get; private set; } = ConsoleText.English.Culture;

    /// <summary>The memory the pages work on, chosen once for all of them.</summary>
    public string? Memory { get; private set; }

    public bool IsAdmin => Caller?.Admin ?? false;

    /// <summary>What the key may do on <paramref name="memory"/>; the server checks again on every call.</summary>
    public bool CanWrite(string? memory) => Caller is { } key && memory is not null && KeyGrants.Allows(key, memory, write: true);

    public void UseLanguage(ConsoleText text)
    {
        Text = text;
        Culture = text.Culture;
        Changed?.Invoke();
    }

    public void UseMemory(string? memory)
    {
        Memory = string.IsNullOrEmpty(memory) ? null : memory;
        Changed?.Invoke();
    }

    /// <summary>Checks <paramref name="apiKey"/> with the server (GetCallerKey) and keeps it on success.</summary>
    /// <returns>Null when signed in, else the reason to show.</returns>
    public async Task<string?> SignInAsync(string apiKey, CancellationToken cancellationToken = default)
    {
        SignOut(reason: null);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return Text.KeyRequired;
        }

        TarjumaClient client;
        try
        {
            var address = options.Value.GrpcAddress is { Length: > 0 } configured ? configured : grpcAddress.Resolve().ToString();
            client = TarjumaClient.Create(address, apiKey.Trim());
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            // A host that cannot name its gRPC address, or a bad Tarjuma:Console:GrpcAddress: said on the page, no crash.
            return "Tarjuma:Console:GrpcAddress: " + exception.Message;
        }

        try
        {
            Caller = await client.GetCallerKeyAsync(cancellationToken);
        }
        catch (TarjumaUnauthenticatedException)
        {
            client.Dispose();
            return Text.KeyRefused;
        }
        catch (TarjumaRpcException exception)
        {
            client.Dispose();
            return exception.Message;
        }

        _client = client;
        Changed?.Invoke();
        return null;
    }

    public void SignOut() => SignOut(reason: null);

    /// <summary>
    /// Calls the API. A refused key signs the session out (the layout then shows the sign-in form)
    /// and any other refusal comes back as the server's message, which names the field or line.
    /// </summary>
    public async Task<CallResult<T>> CallAsync<T>(Func<TarjumaClient, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (_client is not { } client)
        {
            return CallResult.Failed<T>(Text.KeyRequired);
        }

        try
        {
            return CallResult.Succeeded(await call(client));
        }
        catch (TarjumaUnauthenticatedException)
        {
            SignOut(Text.SignedOutByServer);
            return CallResult.Failed<T>(Text.SignedOutByServer);
        }
        catch (TarjumaRpcException exception)
        {
            return CallResult.Failed<T>(exception.Message);
        }
        catch (Grpc.Core.RpcException exception)
        {
            return CallResult.Failed<T>(exception.Status.StatusCode + ": " + exception.Status.Detail);
        }
    }

    /// <summary>As <see cref="CallAsync{T}(Func{TarjumaClient, Task{T}})"/> for calls without a result.</summary>
    public Task<CallResult<bool>> CallAsync(Func<TarjumaClient, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync(async client =>
        {
            await call(client);
            return true;
        });
    }

    public void Dispose() => _client?.Dispose();

    private void SignOut(string? reason)
    {
        var wasSignedIn = _client is not null;
        _client?.Dispose();
        _client = null;
        Caller = null;
        Memory = null;
        SignedOutReason = reason;
        if (wasSignedIn)
        {
            Changed?.Invoke();
        }
    }
}

/// <summary>An API call's result, or the message to show instead.</summary>
public readonly record struct CallResult<T>(bool Ok, T? Value, string? Error);

/// <summary>Makes <see cref="CallResult{T}"/> values.</summary>
public static class CallResult
{
    public static CallResult<T> Succeeded<T>(T value) => new(true, value, null);

    public static CallResult<T> Failed<T>(string error) => new(false, default, error);
}
