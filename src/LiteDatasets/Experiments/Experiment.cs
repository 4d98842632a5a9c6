using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>An experiment as stored: what it evaluates, pinned to one dataset version, and how far it has got.</summary>
/// <param name="Id">The experiment's id.</param>
/// <param name="DatasetId">The id of the dataset it evaluates.</param>
/// <param name="Sequence">Its number in the dataset (1, 2, 3…, never reused), shown as <c>#7</c>.</param>
/// <param name="Name">Its name (unique in the dataset, ignoring case).</param>
/// <param name="DatasetVersion">The dataset version it evaluates: a number, resolved once at creation.</param>
/// <param name="ResolvedFrom">
/// What the version was resolved from, for display: the tag, or the moment (ISO 8601, UTC); <see langword="null"/>
/// when a number was given or the current version was taken.
/// </param>
/// <param name="DatasetFingerprint">The fingerprint of <paramref name="DatasetVersion"/> (64 lowercase hex digits).</param>
/// <param name="Filter">Which items of the version it covers (the caller's own copy), or <see langword="null"/> for all.</param>
/// <param name="Repetitions">How many times each item is run.</param>
/// <param name="TaskVersion">The label of the system under test, or <see langword="null"/>.</param>
/// <param name="Scorers">The declared scorers: score name to scorer version, in ordinal order of the names.</param>
/// <param name="Description">The description, or <see langword="null"/>.</param>
/// <param name="Metadata">The metadata (the caller's own copy), or <see langword="null"/>.</param>
/// <param name="Status">Running, completed or cancelled.</param>
/// <param name="ExpectedRuns">The runs it covers: the items of the version that the filter matches, times the repetitions.</param>
/// <param name="Recorded">The runs with a result.</param>
/// <param name="Succeeded">The recorded runs without an error.</param>
/// <param name="Failed">The recorded runs with an error.</param>
/// <param name="Carried">The results copied from an earlier experiment.</param>
/// <param name="CreatedAt">When it was created (UTC, millisecond precision).</param>
/// <param name="CompletedAt">When it was completed or cancelled, or <see langword="null"/> while running.</param>
public sealed record Experiment(
    string Id,
    string DatasetId,
    long Sequence,
    string Name,
    long DatasetVersion,
    string? ResolvedFrom,
    string DatasetFingerprint,
    ExperimentFilter? Filter,
    int Repetitions,
    string? TaskVersion,
    IReadOnlyDictionary<string, string> Scorers,
    string? Description,
    JsonObject? Metadata,
    ExperimentStatus Status,
    long ExpectedRuns,
    long Recorded,
    long Succeeded,
    long Failed,
    long Carried,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Gets the policy its results are judged stale by (see <see cref="ExperimentDefinition.Policy"/>).</summary>
    public StalenessPolicy Policy { get; init; } = StalenessPolicy.Default;

    /// <summary>Gets the id of the experiment its results were carried forward from, or <see langword="null"/>.</summary>
    public string? CarriedFrom { get; init; }
}
