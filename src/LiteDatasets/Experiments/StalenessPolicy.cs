namespace LiteDatasets;

/// <summary>
/// Which changes of an item make a stored result stale: RFC 6901 JSON Pointers into the item seen as
/// <c>{"input": …, "expectedOutput": …, "metadata": …}</c>. A change at a path, under it, or above it where the value
/// at the path differs, matches the path. A change that matches no path (metadata outside the paths, an external id)
/// leaves the result fresh.
/// </summary>
public sealed record StalenessPolicy
{
    /// <summary>Gets the policy used when none is given: rerun on <c>/input</c>, rescore on <c>/expectedOutput</c>.</summary>
    public static StalenessPolicy Default { get; } = new();

    /// <summary>Gets the paths whose change means the task must run again; <c>["/input"]</c> by default.</summary>
    public IReadOnlyList<string> RerunPaths { get; init; } = ["/input"];

    /// <summary>
    /// Gets the paths whose change means only the scorers must run again (the stored output stays valid);
    /// <c>["/expectedOutput"]</c> by default. A change matching a rerun path as well is a rerun.
    /// </summary>
    public IReadOnlyList<string> RescorePaths { get; init; } = ["/expectedOutput"];
}
