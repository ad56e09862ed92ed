using System.CommandLine;
using System.Globalization;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Checks;
using Tarjuma.CommandLine.Files;

namespace Tarjuma.CommandLine.Commands;

/// <summary>
/// <c>tarjuma keys create|list|revoke</c> on the database file (the server reads keys from the
/// same file, so changes apply to a running server at once), or with <c>--server</c> through a
/// running server's KeyService with an administrator key (TARJUMA_API_KEY). Whoever can write the
/// database file is the administrator of last resort: the first key is made that way.
/// </summary>
internal static class KeysCommand
{
    public static Command Build(CliConsole console, OpenDatabase openDatabase)
    {
        var command = new Command("keys", "Create, list and revoke API keys (stored hashed in the database).");
        command.Subcommands.Add(BuildCreate(console, openDatabase));
        command.Subcommands.Add(BuildList(console, openDatabase));
        command.Subcommands.Add(BuildRevoke(console, openDatabase));
        return command;
    }

    private static Command BuildCreate(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var name = new Option<string>("--name") { Description = "A label for the key (who or what uses it).", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Administrator: manages memories and keys, reads and writes every memory." };
        var grants = new Option<string[]>("--grant")
        {
            Description = "MEMORY:read or MEMORY:write ('*' for every memory); repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("create", "Create a key and print its secret (shown this once only).") { name, admin, grants };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] parsed = [.. (parse.GetValue(grants) ?? []).Select(g => KeyGrants.Validate(g, "--grant"))];
            await using var backend = common.Open(parse, DatabaseUse.MayCreate);
            var created = await backend.CreateKeyAsync(parse.GetValue(name)!, parse.GetValue(admin), parsed, cancellationToken);
            await console.Out.WriteLineAsync(created.Secret);
            await console.Error
                .WriteLineAsync(
                    $"Key {created.Key.Id} created. Store the secret now: it cannot be shown again. Send it as 'authorization: Bearer <secret>' (the CLI "
                        + $"reads TARJUMA_API_KEY).");
            return 0;
        });
        return command;
    }

    private static Command BuildList(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var command = new Command("list", "List keys: id, name, role/grants, created, revoked (tab-separated; never secrets).");
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var backend = common.Open(parse);
            foreach (var key in await backend.ListKeysAsync(cancellationToken))
            {
                var rights = key.Admin ? "admin" : string.Join(',', key.Grants);
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{key.Id}\t{key.Name}\t{rights}\t{key.CreatedAt?.ToDateTimeOffset() ?? default:O}\t"
                    + $"{(key.RevokedAt is { } revoked ? revoked.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture) : "active")}"));
            }

            return 0;
        });
        return command;
    }

    private static Command BuildRevoke(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var id = new Argument<string>("id") { Description = "The key's id (see 'tarjuma keys list')." };
        var command = new Command("revoke", "Revoke a key: it stops working at once, also on a running server.") { id };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var backend = common.Open(parse);
            var keyId = parse.GetValue(id)!;
            await backend.RevokeKeyAsync(keyId, cancellationToken);
            await console.Out.WriteLineAsync($"revoked\t{keyId}");
            return 0;
        });
        return command;
    }
}
