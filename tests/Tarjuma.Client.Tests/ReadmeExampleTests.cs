using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Tarjuma.Tests;

namespace Tarjuma.Client.Tests;

/// <summary>
/// The README's "For plugin developers" examples, taken from README.md itself (so it cannot drift),
/// built and run against a real server listening on a loopback port.
/// </summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(1);

    private readonly ClientApplication _app = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("tarjuma-readme").FullName;
    private readonly int _port = FreePort();

    public ReadmeExampleTests()
    {
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port, listen => listen.Protocols = HttpProtocols.Http2));
        _app.StartServer();
    }

    public void Dispose()
    {
        _app.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_csharp_program_builds_against_the_package_alone_and_adds_and_finds_a_unit()
    {
        var program = ReadmeBlock("csharp");
        var version = "0.1.0-readme." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var feed = Path.Combine(_directory, "feed");
        var project = Path.Combine(_directory, "example");
        Directory.CreateDirectory(project);
        try
        {
            await RunAsync("dotnet", [.. PackArguments(feed, version)], SharedData.RepositoryRoot, BuildLimit);
            await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), program);
            await File.WriteAllTextAsync(Path.Combine(project, "example.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Tarjuma.Client" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            // The local feed beside the usual ones (its dependencies come from there).
            await File.WriteAllTextAsync(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="tarjuma-client-under-test" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            await RunAsync("dotnet", ["build", "-c", "Release", "-o", "out"], project, BuildLimit);

            var (exit, output) = await ExternalProcess.RunAsync("dotnet", [Path.Combine(project, "out", "example.dll")], project, Server(), RunLimit);

            Assert.True(exit == 0, "The README program exited " + exit + ":\n" + output);
            await AssertOneMemoryWithOneUnitAsync();
        }
        finally
        {
            // One package version per run: keep the machine's package cache clean.
            var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "tarjuma.client", version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }

    [SkippableFact]
    public async Task The_node_example_adds_and_finds_a_unit()
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "tests", "Tarjuma.Client.Tests", "node");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{folder}/node_modules is missing on CI: .ci/run runs npm ci there.");
            }

            Skip.If(true, $"Run `npm ci` in {folder} to run the README's Node example.");
        }

        // Written beside node_modules so that its imports resolve; ignored by git, deleted after.
        var script = Path.Combine(folder, "readme-" + Guid.NewGuid().ToString("N") + ".mjs");
        await File.WriteAllTextAsync(script, ReadmeBlock("js"));
        try
        {
            var environment = new Dictionary<string, string>(Server())
            {
                ["TARJUMA_SERVER"] = $"127.0.0.1:{_port}",
                ["TARJUMA_PROTOS"] = Path.Combine(SharedData.RepositoryRoot, "protos"),
            };
            var (exit, output) = await ExternalProcess.RunAsync("node", [script], folder, environment, RunLimit);

            Assert.True(exit == 0, "The README's Node example exited " + exit + ":\n" + output);
            await AssertOneMemoryWithOneUnitAsync();
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The first <c>```language</c> block of the README's "For plugin developers" section.</summary>
    internal static string ReadmeBlock(string language)
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var section = readme.IndexOf("\n## For plugin developers\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## For plugin developers' section.");
        var end = readme.IndexOf("\n## ", section + 1, StringComparison.Ordinal);
        var text = readme[section..(end < 0 ? readme.Length : end)];
        var fence = "\n```" + language + "\n";
        var start = text.IndexOf(fence, StringComparison.Ordinal);
        Assert.True(start >= 0, $"The section has no ```{language} block.");
        start += fence.Length;
        return text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)] + "\n";
    }

    /// <summary>Packs the client, without building again when both target frameworks are built.</summary>
    private static IEnumerable<string> PackArguments(string feed, string version)
    {
        // The tests run from bin/CONFIGURATION/net10.0/.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var bin = Path.Combine(SharedData.RepositoryRoot, "src", "Tarjuma.Client", "bin", configuration);
        yield return "pack";
        yield return Path.Combine("src", "Tarjuma.Client", "Tarjuma.Client.csproj");
        yield return "-c";
        yield return configuration;
        yield return "-o";
        yield return feed;
        yield return "-p:Version=" + version;
        if (File.Exists(Path.Combine(bin, "net10.0", "Tarjuma.Client.dll")) && File.Exists(Path.Combine(bin, "netstandard2.0", "Tarjuma.Client.dll")))
        {
            yield return "--no-build";
        }
    }

    private Dictionary<string, string> Server() => new() { ["TARJUMA_SERVER"] = $"http://127.0.0.1:{_port}", ["TARJUMA_API_KEY"] = string.Empty };

    private async Task AssertOneMemoryWithOneUnitAsync()
    {
        using var client = TarjumaClient.Create($"http://127.0.0.1:{_port}");
        var memory = Assert.Single(await client.ListMemoriesAsync());
        Assert.Equal(1, (await client.GetMemoryStatisticsAsync(memory.Name)).UnitCount);
    }

    private static async Task RunAsync(string fileName, string[] arguments, string directory, TimeSpan limit)
    {
        var (exit, output) = await ExternalProcess.RunAsync(fileName, arguments, directory, null, limit);
        Assert.True(exit == 0, $"{fileName} {string.Join(' ', arguments)} exited {exit}:\n{output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
