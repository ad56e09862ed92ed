using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// <c>tarjuma keys create|list|revoke</c> on the database file (the server reads keys from the
/// same file, so changes apply to a running server at once). Keys are managed locally only:
/// whoever can write the database file is the administrator of last resort.
/// </summary>
internal static class KeysCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("keys", "Create, list and revoke API keys (stored hashed in the database).");
        command.Subcommands.Add(BuildCreate(console));
        command.Subcommands.Add(BuildList(console));
        command.Subcommands.Add(BuildRevoke(console));
        return command;
    }

    private static Option<string?> DatabaseOption() => new("--db") { Description = "SQLite database file (default: data/tarjuma.db)." };

    private static SqliteMemoryStore Open(string? database) =>
        SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = database ?? SqliteStoreOptions.DefaultDatabasePath() });

    private static Command BuildCreate(CliConsole console)
    {
        var database = DatabaseOption();
        var name = new Option<string>("--name") { Description = "A label for the key (who or what uses it).", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Administrator: manages memories and keys, reads and writes every memory." };
        var grants = new Option<string[]>("--grant")
        {
            Description = "MEMORY:read or MEMORY:write ('*' for every memory); repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("create", "Create a key and print its secret (shown this once only).") { name, admin, grants, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parsed = (parse.GetValue(grants) ?? []).Select(g => KeyGrant.Parse(g, "--grant")).ToImmutableArray();
            using var store = Open(parse.GetValue(database));
            var created = await store.CreateAsync(new NewApiKey(parse.GetValue(name)!, parse.GetValue(admin), parsed), cancellationToken);
            await console.Out.WriteLineAsync(created.Secret);
            await console.Error.WriteLineAsync($"Key {created.Key.Id} created. Store the secret now: it cannot be shown again. Send it as 'authorization: Bearer <secret>' (the CLI reads TARJUMA_API_KEY).");
            return 0;
        });
        return command;
    }

    private static Command BuildList(CliConsole console)
    {
        var database = DatabaseOption();
        var command = new Command("list", "List keys: id, name, role/grants, created, revoked (tab-separated; never secrets).") { database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = Open(parse.GetValue(database));
            foreach (var key in await store.ListAsync(cancellationToken))
            {
                var rights = key.IsAdmin ? "admin" : string.Join(',', key.Grants);
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{key.Id}\t{key.Name}\t{rights}\t{key.CreatedAt:O}\t{(key.RevokedAt is { } revoked ? revoked.ToString("O", CultureInfo.InvariantCulture) : "active")}"));
            }

            return 0;
        });
        return command;
    }

    private static Command BuildRevoke(CliConsole console)
    {
        var database = DatabaseOption();
        var id = new Argument<string>("id") { Description = "The key's id (see 'tarjuma keys list')." };
        var command = new Command("revoke", "Revoke a key: it stops working at once, also on a running server.") { id, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = Open(parse.GetValue(database));
            var keyId = parse.GetValue(id)!;
            if (!await store.RevokeAsync(keyId, cancellationToken))
            {
                throw new TarjumaException(ErrorKind.NotFound, $"there is no key '{keyId}'.", "id");
            }

            await console.Out.WriteLineAsync($"revoked\t{keyId}");
            return 0;
        });
        return command;
    }
}
