namespace LiteDatasets.Tests.Model;

/// <summary>
/// One draft of a write call as the model resolved it: an add (no target) or a change of a live item
/// (which may turn out identical).
/// </summary>
public sealed record PlannedDraft(ModelItem? Target, string? GivenId, string? ExternalId, ModelContent Content);
