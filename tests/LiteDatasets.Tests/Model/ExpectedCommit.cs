namespace LiteDatasets.Tests.Model;

/// <summary>The commit a successful call must return.</summary>
public sealed record ExpectedCommit(long Version, bool Created, int Added, int Updated, int Deleted, IReadOnlyList<ModelItem> Items, IReadOnlyList<string> DeletedIds);
