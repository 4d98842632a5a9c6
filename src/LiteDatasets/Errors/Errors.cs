using System.Globalization;

namespace LiteDatasets;

/// <summary>Every error the store raises, with its message, in one place.</summary>
internal static class Errors
{
    public static LiteDatasetsException DatasetNotFound(string id) =>
        new(ErrorCode.DatasetNotFound, $"No dataset has the id '{id}'. List the datasets to find the right id.");

    public static LiteDatasetsException OtherDatasetInBundle(string expected, string source, string name, string id) =>
        new(ErrorCode.DatasetNotFound, $"{source} holds the history of dataset '{name}' (id {id}), not of '{expected}'. Nothing was imported; name that dataset instead, or store it as a new dataset with HistoryImportOptions.AsName.");

    public static LiteDatasetsException DatasetNameTaken(string name) =>
        new(ErrorCode.DatasetNameTaken, $"A dataset named '{name}' already exists (names are unique ignoring case). Choose another name or open the existing dataset.");

    public static LiteDatasetsException DatasetIdTaken(string id) =>
        new(ErrorCode.DatasetIdTaken, $"A dataset with the id '{id}' already exists. Choose another id or leave it empty to generate one.");

    public static LiteDatasetsException ItemNotFound(string datasetId, string itemId) =>
        new(ErrorCode.ItemNotFound, $"Dataset '{datasetId}' has no live item with the id '{itemId}'. It may never have existed or may already be deleted.");

    public static LiteDatasetsException ItemNeverExisted(string datasetId, string itemId) =>
        new(ErrorCode.ItemNotFound, $"Dataset '{datasetId}' has never had an item with the id '{itemId}'.");

    public static LiteDatasetsException ItemIdTaken(string datasetId, string itemId) =>
        new(ErrorCode.ItemIdTaken, $"Dataset '{datasetId}' has already used the item id '{itemId}' (ids are never reused). Leave the id empty to generate one.");

    public static LiteDatasetsException ExternalIdTaken(string datasetId, string externalId) =>
        new(ErrorCode.ExternalIdTaken, $"The external id '{Shorten(externalId)}' is already used by a live item of dataset '{datasetId}'. Use UpsertItems to update that item instead.");

    public static LiteDatasetsException ExternalIdRepeated(string externalId, int first, int second) =>
        new(ErrorCode.ExternalIdTaken, $"Drafts {first} and {second} of one call both name the item with external id '{Shorten(externalId)}'. Each item may appear once per call.");

    public static LiteDatasetsException ItemIdRepeated(string datasetId, string itemId, int first, int second) =>
        new(ErrorCode.ItemIdTaken, $"Drafts {first} and {second} of one call to dataset '{datasetId}' both name the item with id '{itemId}'. Each item may appear once per call.");

    public static LiteDatasetsException VersionNotFound(string datasetId, long version, long current) =>
        new(ErrorCode.VersionNotFound, string.Create(CultureInfo.InvariantCulture, $"Dataset '{datasetId}' has no version {version}; its versions are 0 to {current}."));

    public static LiteDatasetsException NoVersionAt(string datasetId, DateTimeOffset asOf) =>
        new(ErrorCode.VersionNotFound, string.Create(CultureInfo.InvariantCulture, $"Dataset '{datasetId}' did not exist yet at {asOf:O}; ask for a later time."));

    public static LiteDatasetsException TagNotFound(string datasetId, string tag) =>
        new(ErrorCode.TagNotFound, $"Dataset '{datasetId}' has no tag '{tag}'. List the versions to see its tags.");

    public static LiteDatasetsException TagExists(string datasetId, string tag, long version) =>
        new(ErrorCode.TagExists, string.Create(CultureInfo.InvariantCulture, $"The tag '{tag}' of dataset '{datasetId}' already names version {version}. Use MoveTag to point it elsewhere."));

    public static LiteDatasetsException VersionConflict(string datasetId, long expected, long actual) =>
        new(ErrorCode.VersionConflict, string.Create(CultureInfo.InvariantCulture, $"Dataset '{datasetId}' is at version {actual}, not the expected {expected}; someone else changed it. Reload it and retry."));

    public static LiteDatasetsException ExperimentNotFound(string id) =>
        new(ErrorCode.ExperimentNotFound, $"No experiment has the id '{id}'. List the dataset's experiments to find the right id.");

    public static LiteDatasetsException ExperimentNameTaken(string name) =>
        new(ErrorCode.ExperimentNameTaken, $"Another experiment of the dataset is already named '{name}' (names are unique per dataset, ignoring case). Choose another name.");

    public static LiteDatasetsException ExperimentIdTaken(string id, string difference) =>
        new(ErrorCode.ExperimentIdTaken, $"An experiment with the id '{id}' already exists, and {difference}. Creating it again with the same definition returns it; choose another id, or leave it empty to generate one.");

    public static LiteDatasetsException ExperimentClosed(string id, ExperimentStatus status) =>
        new(ErrorCode.ExperimentClosed, $"Experiment '{id}' is already {status.ToString().ToLowerInvariant()}, and an experiment is closed only once. Create a new experiment to run again.");

    public static LiteDatasetsException ExperimentsOfOtherDatasets(string baselineId, string baselineDataset, string candidateId, string candidateDataset) =>
        new(ErrorCode.IncompatibleExperiments, $"Experiment '{baselineId}' evaluates dataset '{baselineDataset}' and experiment '{candidateId}' evaluates dataset '{candidateDataset}'; only experiments of one dataset can be compared, as their items line up. Compare each with an experiment of its own dataset.");

    public static LiteDatasetsException ResultsClosed(string id, ExperimentStatus status) =>
        new(ErrorCode.ExperimentClosed, $"Experiment '{id}' is already {status.ToString().ToLowerInvariant()}, so it takes no more results; nothing was written. Create a new experiment to run again.");

    public static LiteDatasetsException ScoresClosed(string id) =>
        new(ErrorCode.ExperimentClosed, $"Experiment '{id}' is cancelled, so it takes no more scores; nothing was written. Only a running or completed experiment takes scores.");

    public static LiteDatasetsException ResultNotFound(string id, string itemId, int repetition) =>
        new(ErrorCode.ResultNotFound, string.Create(CultureInfo.InvariantCulture, $"Experiment '{id}' has no result of item '{itemId}', repetition {repetition}, to add scores to; nothing was written. Record the run first (its scores may go with it)."));

    public static LiteDatasetsException IncompatibleExperiments(string source, string why) =>
        new(ErrorCode.IncompatibleExperiments, $"Results cannot be carried forward from experiment '{source}': {why}. Nothing was written; create the experiment without carrying results, or carry them from an experiment of the same dataset and task version.");

    public static LiteDatasetsException ItemNotInExperiment(string id, string itemId, int repetition, string why) =>
        new(ErrorCode.ItemNotInExperiment, string.Create(CultureInfo.InvariantCulture, $"Experiment '{id}' has no run of item '{itemId}', repetition {repetition}: {why}. Nothing was written."));

    public static DivergedException Diverged(string datasetId, long lastCommon, string why) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The histories of dataset '{datasetId}' have diverged: in the target, {why}. The last version both hold alike is {lastCommon}. Nothing was written; copy it under another name (a fork) or delete one side's dataset."), lastCommon);

    /// <summary>The error a recorder reports for results the store refused: the first one's code, or <see cref="ErrorCode.StorageFailure"/> when its commit failed otherwise.</summary>
    public static LiteDatasetsException ResultsRefused(string experimentId, int count, ResultRefusal first) =>
        new(
            first.Error is LiteDatasetsException known ? known.Code : ErrorCode.StorageFailure,
            string.Create(CultureInfo.InvariantCulture, $"{count} results for experiment '{experimentId}' were not recorded (see the recorder's Refused list); the first, of item '{first.Draft.ItemId}', repetition {first.Draft.Repetition}: {first.Error.Message}"),
            first.Error);

    public static InvalidPayloadException InvalidResult(int? index, string itemId, int repetition, string path, string problem)
    {
        var who = string.Create(CultureInfo.InvariantCulture, $"The result{(index is null ? "" : $" {index}")} of item '{itemId}', repetition {repetition},");
        var where = path.Length == 0 ? "" : $" at '{path}'";
        return new InvalidPayloadException($"{who}{where} {problem}; nothing was written.", index, itemId, path);
    }

    public static InvalidPayloadException InvalidExperiment(string path, string problem) =>
        new($"The experiment definition at '{path}' {problem}; nothing was written.", null, null, path);

    public static InvalidPayloadException InvalidPayload(int? index, string? itemId, string path, string problem)
    {
        var who = itemId is not null ? $"Item '{itemId}'" : index is not null ? $"Draft {index}" : "The item";
        var where = path.Length == 0 ? "" : $" at '{path}'";
        return new InvalidPayloadException($"{who}{where} {problem}; nothing was written.", index, itemId, path);
    }

    public static InvalidPayloadException InvalidDefinition(string path, string problem) =>
        new($"The dataset definition at '{path}' {problem}; nothing was written.", null, null, path);

    public static LiteDatasetsException FileLocked(string path) =>
        new(ErrorCode.FileLocked, $"The store file '{path}' is already open in this or another process. Close the other store first, or open it with Shared = true from every process.");

    public static LiteDatasetsException FileCorrupt(string path, string reason, Exception? inner = null) =>
        new(ErrorCode.FileCorrupt, $"The file '{path}' {reason} It was left unchanged.", inner);

    /// <summary>
    /// The error for a store whose stored data cannot be read (see <see cref="StoreDamage"/>): the call read or wrote
    /// nothing, and the data it reached is damaged.
    /// </summary>
    public static LiteDatasetsException Damaged(string where, string what, Exception? inner) =>
        new(ErrorCode.FileCorrupt, $"The store '{where}' is damaged: {what}. The call changed nothing; run Verify to list the damage, and restore the store from a backup.", inner);

    public static LiteDatasetsException UnsupportedFormat(string path, int format, int supported) =>
        new(ErrorCode.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture, $"The store file '{path}' has format version {format}, newer than this build of LiteDatasets reads ({supported}). Upgrade LiteDatasets to open it."));

    public static LiteDatasetsException UpgradeNeeded(string path, int format, int current, string why) =>
        new(ErrorCode.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture, $"The store file '{path}' has format version {format}, older than this build of LiteDatasets reads ({current}), and {why}. Open it once for writing with UpgradeFormat on (the default) to upgrade it; back it up first if older builds must still read it."));

    public static LiteDatasetsException UpgradeFailed(string path, int format, string step, Exception inner) =>
        new(ErrorCode.StorageFailure, string.Create(CultureInfo.InvariantCulture, $"Upgrading the store file '{path}' from format {format} to {format + 1} ({step}) failed, so it was not opened; the step was rolled back and the file holds format {format}. {inner.Message}"), inner);

    public static LiteDatasetsException ReadOnly() =>
        new(ErrorCode.ReadOnly, "The store was opened read-only, so it cannot be changed. Open it without ReadOnly to write.");

    /// <summary>
    /// The error for an open for writing that the file system refuses: <see cref="ErrorCode.ReadOnly"/>, as a read-only
    /// open would succeed.
    /// </summary>
    public static LiteDatasetsException NotWritable(string path, Exception inner)
    {
        var why = inner is UnauthorizedAccessException
            ? "this process may not write it, or create its journal beside it"
            : "its file system is read-only";
        return new(ErrorCode.ReadOnly, $"The store file '{path}' cannot be opened for writing: {why}. Open it with ReadOnly = true to read it.", inner);
    }

    /// <summary>Whether an exception (or one it wraps) says the file system is mounted read-only.</summary>
    public static bool IsReadOnlyFileSystem(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            // EROFS as .NET reports it on Unix (the errno), ERROR_WRITE_PROTECT on Windows.
            if (ex is IOException io && (OperatingSystem.IsWindows() ? (io.HResult & 0xFFFF) == 19 : io.HResult == 30))
            {
                return true;
            }
        }

        return false;
    }

    public static LiteDatasetsException Busy(string what, TimeSpan timeout) =>
        new(ErrorCode.Busy, string.Create(CultureInfo.InvariantCulture, $"Could not lock {what} within {timeout.TotalSeconds:0.###} s because other writes hold it. Retry later or raise LockTimeout."));

    public static LiteDatasetsException StorageFailure(string operation, Exception inner) =>
        new(ErrorCode.StorageFailure, $"The storage engine failed while {operation}: {inner.Message}", inner);

    /// <summary>
    /// The error for a failure of the storage engine or the disk: <see cref="ErrorCode.StorageFull"/> when the disk
    /// (or quota) is full, else <see cref="ErrorCode.StorageFailure"/>.
    /// </summary>
    public static LiteDatasetsException Storage(string operation, Exception cause, string path)
    {
        if (cause is LiteDatasetsException known)
        {
            return known;
        }

        return IsDiskFull(cause)
            ? new LiteDatasetsException(ErrorCode.StorageFull, $"The disk holding '{path}' is full, so {operation} failed and left no trace. Free some space and retry.", cause)
            : StorageFailure(operation, cause);
    }

    public static LiteDatasetsException LinkRefused(string path) =>
        new(ErrorCode.StorageFailure, $"'{path}' is a symbolic link, where LiteDatasets keeps a file of its own. It never follows a link there (the link could make it write elsewhere); remove the link and retry.");

    public static LiteDatasetsException EngineBusy(Exception cause) =>
        new(ErrorCode.Busy, "The storage engine could not get a lock in time because other work holds it. Retry later.", cause);

    public static LiteDatasetsException StoreBroken(string path, Exception cause) =>
        new(ErrorCode.StorageFailure, $"The store '{path}' could not recover from a storage failure ({cause.Message}). Close it and open it again; every commit that returned is kept.", cause);

    /// <summary>Whether an exception (or one it wraps) says the disk or the user's quota is full.</summary>
    private static bool IsDiskFull(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is IOException io && DiskFullCodes.Contains(OperatingSystem.IsWindows() ? io.HResult & 0xFFFF : io.HResult))
            {
                return true;
            }
        }

        return false;
    }

    // ENOSPC and EDQUOT as .NET reports them on Unix (the errno; EDQUOT is 69 on macOS), ERROR_HANDLE_DISK_FULL and
    // ERROR_DISK_FULL on Windows.
    private static readonly int[] DiskFullCodes = OperatingSystem.IsWindows() ? [39, 112] : OperatingSystem.IsMacOS() ? [28, 69] : [28, 122];

    /// <summary>Cuts text quoted in a message to 80 characters.</summary>
    public static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
