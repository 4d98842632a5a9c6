using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>
/// Changes to an experiment's labels for <see cref="IDatasetStore.UpdateExperiment"/> (what it evaluates never
/// changes). A <see langword="null"/> property keeps the current value; the <c>Clear…</c> flags remove one.
/// </summary>
public sealed record ExperimentUpdate
{
    /// <summary>Gets the new name (as for <see cref="ExperimentDefinition.Name"/>), or <see langword="null"/> to keep it.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the new description, or <see langword="null"/> to keep it.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the new metadata, or <see langword="null"/> to keep it.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Gets whether to remove the description; <see langword="false"/> by default.</summary>
    public bool ClearDescription { get; init; }

    /// <summary>Gets whether to remove the metadata; <see langword="false"/> by default.</summary>
    public bool ClearMetadata { get; init; }
}
