using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>
/// The items of an experiment's dataset version that the experiment covers: the items live at the pinned version
/// that meet every condition given. Without a filter an experiment covers every item live at that version.
/// </summary>
public sealed record ExperimentFilter
{
    /// <summary>
    /// Gets top-level metadata fields an item must have with equal values (compared by canonical JSON; a JSON null
    /// matches a field that is null); <see langword="null"/> or empty for no such condition.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?>? Metadata { get; init; }

    /// <summary>
    /// Gets the ids of the items to cover (a set: order and repeats do not matter; an id not live at the pinned
    /// version covers nothing); <see langword="null"/> for no such condition. An empty list is refused.
    /// </summary>
    public IReadOnlyList<string>? ItemIds { get; init; }

    /// <summary>Gets the external ids of the items to cover, as for <see cref="ItemIds"/>.</summary>
    public IReadOnlyList<string>? ExternalIds { get; init; }
}
