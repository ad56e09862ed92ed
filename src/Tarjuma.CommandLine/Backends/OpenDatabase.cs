using Tarjuma.CommandLine.Files;

namespace Tarjuma.CommandLine.Backends;

/// <summary>
/// Opens the local (<c>--db</c>) backend: which store and engine that is, the composition root decides
/// (<c>src/Tarjuma.Cli</c>: the embedded SQLite store and the in-process engine).
/// </summary>
/// <param name="databasePath"><c>--db</c> as given; null for the default database.</param>
/// <param name="use">Whether a missing database file may be created.</param>
internal delegate ITarjumaBackend OpenDatabase(string? databasePath, DatabaseUse use);
