using System.ComponentModel;
using LiteDatasets.PostgreSql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The arguments of commands on a store: a file, or a schema of a PostgreSQL database.</summary>
internal class StoreSettings : JsonSettings
{
    /// <summary>Gets the store as given: a file path or a PostgreSQL connection.</summary>
    [CommandArgument(0, "<STORE>")]
    [Description("The store: a file (for example evals.litedb), or a PostgreSQL database as postgresql://user@host:port/db or Host=…;Database=… (the password comes from PGPASSWORD or ~/.pgpass)")]
    public string Store { get; init; } = "";

    /// <summary>Gets the PostgreSQL schema given with --schema, or null.</summary>
    [CommandOption("--schema <NAME>")]
    [Description("PostgreSQL only: the schema that holds the store (default: litedatasets)")]
    public string? Schema { get; init; }

    /// <summary>Gets whether <see cref="Store"/> names a PostgreSQL database rather than a file.</summary>
    public bool IsServer => PostgresConnectionString.IsPostgres(Store);

    /// <summary>Gets the PostgreSQL schema to use: the one given, or the default.</summary>
    public string SchemaOrDefault => Schema ?? PostgresStoreOptions.DefaultSchema;

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (Schema is null)
        {
            return ValidationResult.Success();
        }

        if (!IsServer)
        {
            return ValidationResult.Error("--schema applies only to a PostgreSQL store (postgresql://… or Host=…); a store file holds one store and has no schemas.");
        }

        return string.IsNullOrWhiteSpace(Schema)
            ? ValidationResult.Error("--schema needs a schema name, such as --schema litedatasets.")
            : ValidationResult.Success();
    }
}
