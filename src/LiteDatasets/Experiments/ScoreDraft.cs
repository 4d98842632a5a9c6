using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>One score of a run (see <see cref="ResultDraft.Scores"/>): a number, a verdict, a label, or the error of its scorer.</summary>
public sealed record ScoreDraft
{
    /// <summary>Creates a score.</summary>
    /// <param name="Name">The score's name: 1–256 characters, case-sensitive.</param>
    // The parameter keeps the property's name, as a positional record's would (callers may name it).
    public ScoreDraft(string Name) => this.Name = Name;

    /// <summary>Gets the score's name: 1–256 characters, no control characters, case-sensitive.</summary>
    public string Name { get; init; }

    /// <summary>Gets the value, a finite number; <see langword="null"/> for none.</summary>
    public double? Value { get; init; }

    /// <summary>Gets whether the run passed by this score; <see langword="null"/> for no verdict.</summary>
    public bool? Passed { get; init; }

    /// <summary>Gets a label the scorer gave (a class, a rating; up to 4,096 characters); <see langword="null"/> for none.</summary>
    public string? Label { get; init; }

    /// <summary>Gets the scorer's reasoning; <see langword="null"/> for none.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the error of the scorer, when it could not score the run; <see langword="null"/> for none.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the version of the scorer that gave the score (up to 4,096 characters); <see langword="null"/> when not known.</summary>
    public string? ScorerVersion { get; init; }

    /// <summary>
    /// Gets the tokens and cost the scorer used (a judge model's, say), kept apart from the run's own
    /// <see cref="ResultDraft.Usage"/>; <see langword="null"/> when not known.
    /// </summary>
    public ResultUsage? Usage { get; init; }

    /// <summary>Gets arbitrary metadata of the score, kept exactly as given; <see langword="null"/> by default.</summary>
    public JsonObject? Metadata { get; init; }
}
