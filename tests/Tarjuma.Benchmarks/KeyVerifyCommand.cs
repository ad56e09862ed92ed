using System.Diagnostics;
using System.Globalization;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>verify-keys [N]</c>: the cost authentication adds to every call. In one run on a fresh store
/// with 100 keys, times N <see cref="IApiKeyStore.VerifyAsync"/> calls against the baseline of N
/// <see cref="SqliteMemoryStore.FindMemoryAsync"/> calls (a comparable one-row read) and prints
/// both rates and their ratio.
/// </summary>
internal sealed class KeyVerifyCommand : IBenchmarkCommand
{
    public string Name => "verify-keys";

    public string Description => "API key verification per call (N calls, default 20,000) beside a one-row memory read";

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-bench", Guid.NewGuid().ToString("N"));
        try
        {
            using var store = SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = Path.Combine(folder, "keys.db") });
            await store.CreateMemoryAsync(new NewMemory("news", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
            var secrets = new List<string>();
            for (var i = 0; i < 100; i++)
            {
                secrets.Add((await store.CreateAsync(new NewApiKey($"key {i}", false, [new KeyGrant("news", MemoryAccess.Read)]))).Secret);
            }

            // Warm-up: JIT and the connection pool.
            for (var i = 0; i < 200; i++)
            {
                await store.FindMemoryAsync("news");
                await store.VerifyAsync(secrets[i % secrets.Count]);
            }

            var baseline = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                _ = await store.FindMemoryAsync("news") ?? throw new InvalidOperationException("memory missing");
            }

            baseline.Stop();
            var verify = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                _ = await store.VerifyAsync(secrets[i % secrets.Count]) ?? throw new InvalidOperationException("key did not verify");
            }

            verify.Stop();
            var baseRate = count / baseline.Elapsed.TotalSeconds;
            var verifyRate = count / verify.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"find-memory (baseline): {baseRate,10:N0} calls/s  {baseline.Elapsed.TotalMicroseconds / count,7:N1} µs/call"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"verify-key:              {verifyRate,10:N0} calls/s  {verify.Elapsed.TotalMicroseconds / count,7:N1} µs/call"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verify / baseline time:  {verify.Elapsed / baseline.Elapsed:N2}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
