namespace LiteDatasets.History;

/// <summary>The last record of a bundle: how many versions and tags came before it, so a cut-off bundle is told from a whole one.</summary>
internal sealed record BundleEnd(long Line, long Versions, int Tags) : BundleEntry(Line);
