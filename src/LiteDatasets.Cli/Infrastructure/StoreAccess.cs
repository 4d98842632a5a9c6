using System.Globalization;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>Opens store files and finds datasets and versions named on the command line.</summary>
internal static class StoreAccess
{
    /// <summary>Opens an existing store file for reading only.</summary>
    public static DatasetStore OpenForReading(CliEnvironment env, string file)
    {
        var path = env.FullPath(file);
        if (!File.Exists(path))
        {
            throw CliException.FileNotFound(file);
        }

        return DatasetStore.Open(new DatasetStoreOptions { Path = path, ReadOnly = true });
    }

    /// <summary>Opens a store file for writing; a missing file is created only when <paramref name="create"/> is set.</summary>
    public static DatasetStore OpenForWriting(CliEnvironment env, string file, bool create = false)
    {
        var path = env.FullPath(file);
        if (!create && !File.Exists(path))
        {
            throw CliException.FileNotFound(file);
        }

        return DatasetStore.Open(path);
    }

    /// <summary>Finds a dataset by name (ignoring case) or by id.</summary>
    public static Dataset FindDataset(IDatasetStore store, string nameOrId, string file) =>
        TryFindDataset(store, nameOrId) ?? throw NoSuchDataset(nameOrId, file);

    /// <summary>Finds a dataset by name (ignoring case) or by id, or returns null.</summary>
    public static Dataset? TryFindDataset(IDatasetStore store, string nameOrId) =>
        store.FindDataset(nameOrId) ?? store.GetDataset(nameOrId);

    /// <summary>The error for a dataset the file does not have.</summary>
    public static LiteDatasetsException NoSuchDataset(string nameOrId, string file) => new(
        ErrorCode.DatasetNotFound,
        $"The file '{file}' has no dataset named '{nameOrId}' (nor with that id). Run 'litedatasets list {file}' to see its datasets.");

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
}
