using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>
/// Describes an experiment to create with <see cref="IDatasetStore.CreateExperiment"/>: which dataset version it
/// evaluates (pinned by at most one of <see cref="Version"/>, <see cref="Tag"/> and <see cref="AsOf"/>; none pins
/// the current version), which of its items, how often, and with what system and scorers.
/// </summary>
public sealed record ExperimentDefinition
{
    /// <summary>The most repetitions an experiment may ask for.</summary>
    public const int MaxRepetitions = 10_000;

    /// <summary>
    /// Gets the id to give the experiment; <see langword="null"/> (the default) generates a time-ordered UUID v7.
    /// Creating an experiment again with the same id and the same definition returns the one stored.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>
    /// Gets the name: 1–256 characters, no control characters, unique among the dataset's experiments ignoring case;
    /// <see langword="null"/> (the default) names it <c>exp-&lt;sequence&gt;</c>. <c>#</c> followed by digits means
    /// a sequence number, and <c>exp-</c> followed by digits is kept for default names, so neither is accepted
    /// (except the experiment's own default name).
    /// </summary>
    public string? Name { get; init; }

    /// <summary>Gets the version to pin, in <c>0..current</c>; not together with <see cref="Tag"/> or <see cref="AsOf"/>.</summary>
    public long? Version { get; init; }

    /// <summary>Gets a tag naming the version to pin, resolved once, at creation.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets a moment: the version pinned is the last one committed at or before it, resolved once, at creation.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Gets which items of the pinned version the experiment covers; <see langword="null"/> (the default) for all.</summary>
    public ExperimentFilter? Filter { get; init; }

    /// <summary>Gets how many times each item is run, 1–10,000; 1 by default.</summary>
    public int Repetitions { get; init; } = 1;

    /// <summary>Gets an opaque label of the system under test (model, prompt hash, commit), up to 4,096 characters; <see langword="null"/> by default.</summary>
    public string? TaskVersion { get; init; }

    /// <summary>
    /// Gets the scorers the experiment uses: score name (1–256 characters, case-sensitive) to scorer version (up to
    /// 4,096 characters); <see langword="null"/> (the default) for none declared.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Scorers { get; init; }

    /// <summary>Gets a free-text description; <see langword="null"/> by default.</summary>
    public string? Description { get; init; }

    /// <summary>Gets arbitrary metadata about the experiment; <see langword="null"/> by default.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>
    /// Gets the policy by which later edits of the dataset make the experiment's results stale (see
    /// <see cref="IDatasetStore.GetStaleness"/>), and by which results are carried into it; <see langword="null"/>
    /// (the default) for <see cref="StalenessPolicy.Default"/>.
    /// </summary>
    public StalenessPolicy? Policy { get; init; }

    /// <summary>
    /// Gets an earlier experiment of the same dataset and task version to carry results forward from: its id, name
    /// or <c>#sequence</c>; <see langword="null"/> (the default) carries nothing. In the commit that creates this
    /// experiment, every result of the earlier one that is still fresh at this one's version (by <see cref="Policy"/>)
    /// is copied, marked with <see cref="ExperimentResult.CarriedFrom"/>; a result whose item changed only under the
    /// rescore paths, or whose scores came from other scorer versions than this one declares, is copied without
    /// those scores and stays pending (<see cref="PendingReason.Rescore"/>); nothing else is copied.
    /// </summary>
    public string? CarryFrom { get; init; }
}
