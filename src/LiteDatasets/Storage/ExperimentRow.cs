using LiteDatasets.Json;
using LiteDatasets.Services;

namespace LiteDatasets.Storage;

/// <summary>An experiment as an engine stores it: its definition, resolved pin, status and counters.</summary>
/// <param name="Id">The experiment's id (unique in the store).</param>
/// <param name="DatasetKey">The dataset's <see cref="DatasetRow.Key"/>.</param>
/// <param name="Sequence">Its number in the dataset (unique there, never given twice).</param>
/// <param name="Name">The name, as given or made.</param>
/// <param name="DatasetVersion">The pinned version.</param>
/// <param name="Pin">How the version was given.</param>
/// <param name="ResolvedFrom">The tag or moment the version was resolved from, or null.</param>
/// <param name="DatasetFingerprint">The pinned version's fingerprint (32 bytes).</param>
/// <param name="Filter">The filter as canonical UTF-8 JSON (see <see cref="ExperimentScope"/>), or null.</param>
/// <param name="Repetitions">Runs per item.</param>
/// <param name="TaskVersion">The label of the system under test, or null.</param>
/// <param name="Scorers">The scorers as a canonical UTF-8 JSON object of name to version, or null when none.</param>
/// <param name="Description">The description.</param>
/// <param name="Metadata">The metadata as stored UTF-8 JSON, or null.</param>
/// <param name="Status">Running, completed or cancelled.</param>
/// <param name="ExpectedRuns">Items in scope at the pinned version times the repetitions.</param>
/// <param name="Recorded">Runs with a result.</param>
/// <param name="Succeeded">Recorded runs without an error.</param>
/// <param name="Failed">Recorded runs with an error.</param>
/// <param name="Carried">Results copied from an earlier experiment.</param>
/// <param name="CreatedAt">When it was created (UTC milliseconds).</param>
/// <param name="CompletedAt">When it was closed (UTC milliseconds), or null.</param>
/// <param name="Policy">The staleness policy as canonical UTF-8 JSON (see <see cref="StalenessRules"/>), or null for the default one.</param>
/// <param name="CarriedFrom">The id of the experiment its results were carried from, or null.</param>
internal sealed record ExperimentRow(
    string Id,
    int DatasetKey,
    long Sequence,
    string Name,
    long DatasetVersion,
    PinKind Pin,
    string? ResolvedFrom,
    byte[] DatasetFingerprint,
    byte[]? Filter,
    int Repetitions,
    string? TaskVersion,
    byte[]? Scorers,
    string? Description,
    byte[]? Metadata,
    ExperimentStatus Status,
    long ExpectedRuns,
    long Recorded,
    long Succeeded,
    long Failed,
    long Carried,
    long CreatedAt,
    long? CompletedAt,
    byte[]? Policy = null,
    string? CarriedFrom = null)
{
    /// <summary>Gets the key the name is unique under in its dataset (see <see cref="DatasetRow.KeyOfName"/>).</summary>
    public string NameKey => DatasetRow.KeyOfName(Name);

    /// <summary>Builds the public experiment with fresh nodes.</summary>
    public Experiment ToExperiment(string datasetId) => new(
        Id,
        datasetId,
        Sequence,
        Name,
        DatasetVersion,
        ResolvedFrom,
        LiteDatasets.Fingerprint.ToHex(DatasetFingerprint),
        Filter is null ? null : ExperimentScope.FromStored(Filter).ToFilter(),
        Repetitions,
        TaskVersion,
        ExperimentScorers.FromStored(Scorers),
        Description,
        Metadata is null ? null : PayloadEncoder.ParseObject(Metadata),
        Status,
        ExpectedRuns,
        Recorded,
        Succeeded,
        Failed,
        Carried,
        Time.FromUnixMilliseconds(CreatedAt),
        CompletedAt is { } at ? Time.FromUnixMilliseconds(at) : null)
    {
        Policy = Policy is null ? StalenessPolicy.Default : StalenessRules.FromStored(Policy).ToPolicy(),
        CarriedFrom = CarriedFrom,
    };
}
