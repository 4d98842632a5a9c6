namespace LiteDatasets;

/// <summary>
/// Identifies why a <see cref="LiteDatasetsException"/> was thrown. Codes are stable: scripts and callers
/// may switch on them.
/// </summary>
public enum ErrorCode
{
    /// <summary>No dataset has the given id.</summary>
    DatasetNotFound = 1,

    /// <summary>Another dataset already has the given name (names are unique, ignoring case).</summary>
    DatasetNameTaken = 2,

    /// <summary>A dataset with the given id already exists.</summary>
    DatasetIdTaken = 3,

    /// <summary>The dataset has no live item with the given id.</summary>
    ItemNotFound = 4,

    /// <summary>The dataset has used the given item id before (ids are never reused).</summary>
    ItemIdTaken = 5,

    /// <summary>A live item of the dataset, or another item of the same call, already has the given external id.</summary>
    ExternalIdTaken = 6,

    /// <summary>The version is outside <c>0..current</c>, or no version matches the timestamp.</summary>
    VersionNotFound = 7,

    /// <summary>The dataset has no tag with the given name.</summary>
    TagNotFound = 8,

    /// <summary>The tag already names another version; move it explicitly.</summary>
    TagExists = 9,

    /// <summary>The dataset is not at the version the caller expected (<see cref="WriteOptions.ExpectedVersion"/>).</summary>
    VersionConflict = 10,

    /// <summary>Content does not satisfy the dataset's JSON Schema.</summary>
    SchemaViolation = 11,

    /// <summary>A payload cannot be stored exactly (too deep, duplicate keys, invalid text, too large).</summary>
    InvalidPayload = 12,

    /// <summary>The file is already open in this process or another one.</summary>
    FileLocked = 13,

    /// <summary>The file is not a LiteDatasets store, or it is damaged.</summary>
    FileCorrupt = 14,

    /// <summary>The file was written by a newer version of LiteDatasets.</summary>
    UnsupportedFormat = 15,

    /// <summary>
    /// The store was opened read-only, so it cannot be changed; or an open for writing was refused by the file system
    /// (mounted read-only, or no permission to write the file or create its journal): open it read-only instead.
    /// </summary>
    ReadOnly = 16,

    /// <summary>A lock could not be had within the configured timeout.</summary>
    Busy = 17,

    /// <summary>An import file is malformed.</summary>
    ImportFormat = 18,

    /// <summary>The storage engine failed in a way no other code describes (for example a disk error).</summary>
    StorageFailure = 19,

    /// <summary>
    /// The disk (or the user's quota) is full: the write was refused and left no trace. Free some space and retry;
    /// the store stays open and readable meanwhile.
    /// </summary>
    StorageFull = 20,

    /// <summary>No experiment has the given id.</summary>
    ExperimentNotFound = 21,

    /// <summary>Another experiment of the dataset already has the given name (names are unique per dataset, ignoring case).</summary>
    ExperimentNameTaken = 22,

    /// <summary>An experiment with the given id already exists with another definition (creating it again with the same one returns it).</summary>
    ExperimentIdTaken = 23,

    /// <summary>
    /// The experiment is already completed or cancelled (it is closed once, and takes no more results then); or scores
    /// were given to a cancelled one (a completed experiment still takes scores).
    /// </summary>
    ExperimentClosed = 24,

    /// <summary>
    /// A result names an item that the experiment does not cover — not live at its pinned version, or outside its
    /// filter — or a repetition beyond its <see cref="Experiment.Repetitions"/>.
    /// </summary>
    ItemNotInExperiment = 25,

    /// <summary>
    /// Scores were given for a run of an experiment that has no result yet: record the run first
    /// (<see cref="IDatasetStore.RecordResult"/>), with its scores or without.
    /// </summary>
    ResultNotFound = 26,

    /// <summary>
    /// A dataset's history in one store is not a prefix of its history in the other: a version with another
    /// fingerprint, versions the target has and the source lacks, or a tag that names different versions
    /// (see <see cref="DivergedException.LastCommonVersion"/>). Nothing was written.
    /// </summary>
    Diverged = 27,

    /// <summary>
    /// Two experiments cannot be taken together: they evaluate different datasets, so their items do not line up; or
    /// an experiment cannot carry results forward from the one named in <see cref="ExperimentDefinition.CarryFrom"/>,
    /// which evaluates another dataset or another system (a different <see cref="ExperimentDefinition.TaskVersion"/>).
    /// Nothing was written.
    /// </summary>
    IncompatibleExperiments = 28,
}
