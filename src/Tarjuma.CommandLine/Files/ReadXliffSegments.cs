namespace Tarjuma.CommandLine.Files;

/// <summary>
/// Cuts an XLIFF document into the segments pre-translation would look up, for <c>analyze</c>. Reading XLIFF is the
/// engine's work, so the composition root gives it (<c>src/Tarjuma.Cli</c>: Tarjuma.Core's XLIFF reader), as it gives
/// the local backend: the command line need not know the engine (issue #14).
/// </summary>
/// <param name="xliff">The document, read once.</param>
/// <param name="defaultLanguage">The language to segment in when the document declares none.</param>
/// <returns>The segments (at most as many as one analysis takes) and the source language the document declares, if any.</returns>
internal delegate (IReadOnlyList<string> Segments, string? SourceLanguage) ReadXliffSegments(Stream xliff, string defaultLanguage);
