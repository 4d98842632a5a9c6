namespace LiteDatasets.History;

/// <summary>
/// One record of a dataset's history as a bundle carries it, in the bundle's order: the header, then each version
/// followed by its changes, then the tags, then the end (see <c>docs/history-bundle.md</c>).
/// </summary>
/// <param name="Line">The record's line in the bundle (1-based), or 0 when it was read from a store.</param>
internal abstract record BundleEntry(long Line);
