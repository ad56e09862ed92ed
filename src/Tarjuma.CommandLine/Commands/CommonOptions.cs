using System.CommandLine;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Files;

namespace Tarjuma.CommandLine.Commands;

/// <summary>Options every data command shares: where the memories are (a database or a server).</summary>
/// <param name="openDatabase">The composition root's local backend, used when no <c>--server</c> is given.</param>
internal sealed class CommonOptions(OpenDatabase openDatabase)
{
    public Option<string?> Database { get; } = new("--db")
    {
        Description = "SQLite database file (default: data/tarjuma.db). Not with --server.",
    };

    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Use a running Tarjuma server at this URL (e.g. http://127.0.0.1:5151) instead of a database file.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Database);
        command.Options.Add(Server);
    }

    /// <summary>
    /// Opens the backend the options name: a server client or the database file, which must exist
    /// unless <paramref name="use"/> is <see cref="DatabaseUse.MayCreate"/>.
    /// </summary>
    public ITarjumaBackend Open(ParseResult parse, DatabaseUse use = DatabaseUse.Existing)
    {
        var database = parse.GetValue(Database);
        var server = parse.GetValue(Server);
        if (server is not null && database is not null)
        {
            throw CommandLineException.InvalidArgument("--server", "give either --db or --server, not both.");
        }

        return server is not null ? RemoteBackend.Connect(server) : openDatabase(database, use);
    }
}
