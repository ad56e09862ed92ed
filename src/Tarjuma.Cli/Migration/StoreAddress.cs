using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Postgres;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Migration;

/// <summary>
/// The command line's composition point for naming a store in one argument:
/// <c>sqlite:PATH</c> or <c>postgres:CONNECTION</c> (an Npgsql connection string).
/// </summary>
internal static class StoreAddress
{
    public static StorePorts Open(string address, string option)
    {
        var colon = address.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? string.Empty : address[..colon];
        var location = colon < 0 ? string.Empty : address[(colon + 1)..];
        if (location.Length == 0)
        {
            throw Invalid(option, address);
        }

        return kind switch
        {
            "sqlite" => SqliteStore.Open(new SqliteStoreOptions { DatabasePath = location }),
            "postgres" => PostgresStore.Open(new PostgresStoreOptions { ConnectionString = location }),
            _ => throw Invalid(option, address),
        };
    }

    /// <summary>What a message may show: the SQLite path, or the PostgreSQL host and database (never a password).</summary>
    public static string Describe(string address) =>
        address.StartsWith("postgres:", StringComparison.Ordinal) ? "postgres:" + PostgresStore.Describe(address["postgres:".Length..]) : address;

    private static TarjumaException Invalid(string option, string address) =>
        TarjumaException.InvalidArgument(option,
            $"'{Describe(address)}' names no store: use sqlite:PATH or postgres:CONNECTION (e.g. postgres:Host=db;Database=tarjuma;Username=tarjuma).");
}
