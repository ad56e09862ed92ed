using System.Text;

namespace Tarjuma.Client.Tests;

public sealed class TmxTests : IDisposable
{
    private readonly ClientApplication _app = new();
    private readonly TarjumaClient _client;
    private readonly string _directory = Directory.CreateTempSubdirectory("tarjuma-client-tmx").FullName;

    public TmxTests() => _client = _app.CreateTarjumaClient(new TarjumaClientOptions { ImportChunkSize = 1024 });

    public void Dispose()
    {
        _app.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Import_from_a_stream_creates_the_memory_and_reports_progress_per_chunk()
    {
        var tmx = Fixtures.Tmx();
        var progress = new Recorder();
        var result = await _client.ImportTmxAsync(new TmxImportOptions("news") { SourceLanguage = "tg", TargetLanguage = "en" }, new MemoryStream(tmx),
            progress);

        Assert.True(result.MemoryCreated);
        Assert.Equal(3, result.Added);
        // 1 KiB chunks: one report per chunk, growing, ending at the file's length.
        Assert.Equal((tmx.Length + 1023) / 1024, progress.Values.Count);
        Assert.Equal(progress.Values.OrderBy(v => v), progress.Values);
        Assert.Equal(tmx.Length, progress.Values[^1]);
    }

    [Fact]
    public async Task Export_to_a_stream_and_to_a_file_reports_the_bytes_written()
    {
        var input = Path.Combine(_directory, "in.tmx");
        await File.WriteAllBytesAsync(input, Fixtures.Tmx());
        await _client.ImportTmxFileAsync(new TmxImportOptions("news") { SourceLanguage = "tg", TargetLanguage = "en" }, input);

        var output = new MemoryStream();
        var progress = new Recorder();
        var written = await _client.ExportTmxAsync("news", output, progress);
        Assert.Equal(output.Length, written);
        Assert.Equal(written, progress.Values[^1]);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains(Fixtures.Weather, text, StringComparison.Ordinal);

        var file = Path.Combine(_directory, "out.tmx");
        await File.WriteAllTextAsync(file, "an older file, replaced");
        Assert.Equal(written, await _client.ExportTmxFileAsync("news", file));
        // The same document but for the header's creation time (two exports may fall in different seconds).
        Assert.Equal(WithoutCreationDate(text), WithoutCreationDate(await File.ReadAllTextAsync(file)));
        Assert.Equal([file], Directory.GetFiles(_directory, "out.tmx*"));
    }

    [Fact]
    public async Task A_malformed_file_names_its_line_and_column_and_imports_nothing()
    {
        var error = await Assert.ThrowsAsync<TarjumaInvalidArgumentException>(() =>
            _client.ImportTmxAsync(new TmxImportOptions("news") { SourceLanguage = "tg", TargetLanguage = "en" }, new MemoryStream(Fixtures.BrokenTmx())));

        Assert.Equal(4, error.Line);
        Assert.NotNull(error.Column);
        Assert.Null(await _client.FindMemoryAsync("news"));
    }

    [Fact]
    public async Task Exporting_a_missing_memory_is_not_found()
    {
        var error = await Assert.ThrowsAsync<TarjumaNotFoundException>(() => _client.ExportTmxAsync("missing", new MemoryStream()));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class Recorder : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }

    private static string WithoutCreationDate(string tmx) =>
        System.Text.RegularExpressions.Regex.Replace(tmx, "creationdate=\"[0-9TZ]+\"", "creationdate=\"\"", System.Text.RegularExpressions.RegexOptions.None,
            TimeSpan.FromSeconds(1));
}
