namespace LiteDatasets.Benchmarks;

/// <summary>A scratch directory for one benchmark class, removed at cleanup.</summary>
public sealed class BenchmarkFiles : IDisposable
{
    public BenchmarkFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "litedatasets-bench", Guid.NewGuid().ToString("N"));

    /// <summary>Returns a new, unused file path.</summary>
    public string NewFile(string prefix) => Path.Combine(Root, prefix + "-" + Guid.NewGuid().ToString("N") + ".litedb");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
