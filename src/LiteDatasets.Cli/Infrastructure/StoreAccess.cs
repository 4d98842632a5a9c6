using System.Globalization;
using LiteDatasets.PostgreSql;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Opens the store a command line names (a file, or a schema of a PostgreSQL database) and finds datasets and
/// versions in it. Whatever it prints about a server comes from the connection with its passwords removed.
/// </summary>
internal static class StoreAccess
{
    /// <summary>Opens an existing store for reading only; in shared mode when the command line says <c>--shared</c>.</summary>
    public static IDatasetStore OpenForReading(CliEnvironment env, StoreSettings settings)
    {
        if (settings.IsServer)
        {
            return OpenServerForReading(settings);
        }

        var path = env.FullPath(settings.Store);
        if (!File.Exists(path))
        {
            throw CliException.FileNotFound(settings.Store);
        }

        var shared = settings is ISharedReading { Shared: true };
        try
        {
            return DatasetStore.Open(new DatasetStoreOptions { Path = path, ReadOnly = true, Shared = shared });
        }
        catch (PlatformNotSupportedException)
        {
            throw CliException.Invalid("--shared needs Linux or Windows; here, wait until the program that has the file open closes it.");
        }
    }

    /// <summary>Opens a store for writing; a missing store is created only when <paramref name="create"/> is set.</summary>
    public static IDatasetStore OpenForWriting(CliEnvironment env, StoreSettings settings, bool create = false)
    {
        if (settings.IsServer)
        {
            if (!create)
            {
                // As with a missing file, only create and import --create make a store: a mistyped --schema must
                // fail, not leave an empty store behind.
                EnsureServerStore(settings);
            }

            return PostgresDatasetStore.Open(settings.Store, new PostgresStoreOptions { Schema = settings.SchemaOrDefault });
        }

        var path = env.FullPath(settings.Store);
        if (!create && !File.Exists(path))
        {
            throw CliException.FileNotFound(settings.Store);
        }

        return DatasetStore.Open(path);
    }

    /// <summary>Finds the dataset the command line names (by name, ignoring case, or by id).</summary>
    public static Dataset FindDataset(IDatasetStore store, DatasetSettings settings) =>
        TryFindDataset(store, settings.Dataset) ?? throw NoSuchDataset(store, settings);

    /// <summary>Finds a dataset by name (ignoring case) or by id, or returns null.</summary>
    public static Dataset? TryFindDataset(IDatasetStore store, string nameOrId)
    {
        var dataset = store.FindDataset(nameOrId) ?? store.GetDataset(nameOrId);
        return dataset is null ? null : ToolMessages.Found(dataset);
    }

    /// <summary>The error for a dataset the store does not have.</summary>
    public static LiteDatasetsException NoSuchDataset(IDatasetStore store, DatasetSettings settings) => new(
        ErrorCode.DatasetNotFound,
        (store is PostgresDatasetStore server ? $"The store in {server.Location}" : $"The file '{settings.Store}'")
        + $" has no dataset named '{settings.Dataset}' (nor with that id). Run 'litedatasets list {CommandLine(settings)}' to see its datasets.");

    /// <summary>Names an open store in a sentence: the file as given, or where on the server it is (never a password).</summary>
    public static string Describe(IDatasetStore store, StoreSettings settings) =>
        store is PostgresDatasetStore server ? server.Location : settings.Store;

    /// <summary>
    /// Gets the store's part of a command line to suggest: the file as given, or the connection without its
    /// passwords (quoted for a shell) and the --schema option when one was given.
    /// </summary>
    public static string CommandLine(StoreSettings settings)
    {
        if (!settings.IsServer)
        {
            return settings.Store;
        }

        var schema = settings.Schema is null ? "" : " --schema " + ShellWord(settings.Schema);
        return ShellWord(WithoutPasswords(settings.Store)) + schema;
    }

    /// <summary>Gets a connection string in Npgsql's keyword form with every password removed.</summary>
    public static string WithoutPasswords(string connection)
    {
        var builder = PostgresConnectionString.Parse(connection);
        builder.Password = null;
        builder.SslPassword = null;
        return builder.ConnectionString;
    }

    /// <summary>
    /// Resolves a version given on the command line: digits are a version number, anything else a tag;
    /// <see langword="null"/> is the current version.
    /// </summary>
    public static long ResolveVersion(IDatasetStore store, Dataset dataset, string? versionOrTag)
    {
        if (versionOrTag is null)
        {
            return dataset.Version;
        }

        if (IsNumber(versionOrTag))
        {
            // Every store call that takes the version checks that it exists.
            return long.Parse(versionOrTag, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return store.ResolveVersion(dataset.Id, versionOrTag);
    }

    /// <summary>Whether a version argument is a number rather than a tag.</summary>
    public static bool IsNumber(string versionOrTag) =>
        versionOrTag.Length is > 0 and <= 18 && versionOrTag.All(char.IsAsciiDigit);

    private static PostgresDatasetStore OpenServerForReading(StoreSettings settings)
    {
        try
        {
            return PostgresDatasetStore.Open(settings.Store, new PostgresStoreOptions { Schema = settings.SchemaOrDefault, ReadOnly = true });
        }
        catch (LiteDatasetsException ex) when (ex.Code == ErrorCode.StorageFailure && !PostgresDatasetStore.Exists(settings.Store, settings.SchemaOrDefault))
        {
            // Looked up only when the open failed: the common case costs one connection, not two.
            throw NoServerStore(settings, ex);
        }
    }

    /// <summary>Fails unless the schema holds a store: only create and import --create make one.</summary>
    private static void EnsureServerStore(StoreSettings settings)
    {
        if (!PostgresDatasetStore.Exists(settings.Store, settings.SchemaOrDefault))
        {
            throw NoServerStore(settings, null);
        }
    }

    private static LiteDatasetsException NoServerStore(StoreSettings settings, Exception? inner) => new(
        ErrorCode.StorageFailure,
        $"There is no store in {PostgresDatasetStore.Describe(settings.Store, settings.SchemaOrDefault)}. "
        + $"Check --schema (the default is {PostgresStoreOptions.DefaultSchema}), or create the store with 'litedatasets create {CommandLine(settings)} NAME'.",
        inner);

    /// <summary>
    /// Quotes a word for a POSIX shell when it holds anything but plain characters; in double quotes, since the
    /// messages that suggest a command put it in single quotes.
    /// </summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_-.,/:@%+=".Contains(c, StringComparison.Ordinal))
            ? word
            : "\"" + word
                .Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("$", "\\$", StringComparison.Ordinal)
                .Replace("`", "\\`", StringComparison.Ordinal) + "\"";
}
