using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// stream the whole current snapshot (target ≤ 1.5× raw LiteDB FindAll of the same documents),
/// materialising every item as the caller gets it.
/// </summary>
[MemoryDiagnoser]
public class StreamBenchmarks
{
    private SampleStore _sample = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToHundredThousand))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _sample = new SampleStore(Size, versions: 1);

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB FindAll")]
    public int RawFindAll()
    {
        var count = 0;
        foreach (var doc in _sample.Revisions.FindAll())
        {
            count += doc.Count;
        }

        return count;
    }

    /// <summary>
    /// What turning stored payloads into JSON nodes costs by itself: the baseline's work plus parsing the
    /// same three payloads of every document, as any reader returning JSON must.
    /// </summary>
    [Benchmark(Description = "raw LiteDB FindAll + parse payloads")]
    public int RawFindAllAndParse()
    {
        var count = 0;
        foreach (var doc in _sample.Revisions.FindAll())
        {
            count += System.Text.Json.Nodes.JsonNode.Parse(doc["in"].AsBinary)!.GetValueKind() == System.Text.Json.JsonValueKind.String ? 1 : 0;
            if (doc.TryGetValue("eo", out var expected))
            {
                count += System.Text.Json.Nodes.JsonNode.Parse(expected.AsBinary) is null ? 0 : 1;
            }

            if (doc.TryGetValue("md", out var metadata))
            {
                count += System.Text.Json.Nodes.JsonNode.Parse(metadata.AsBinary) is null ? 0 : 1;
            }
        }

        return count;
    }

    [Benchmark(Description = "ReadItems (current)")]
    public int ReadItems()
    {
        var count = 0;
        foreach (var item in _sample.Store.ReadItems(_sample.DatasetId))
        {
            count += item.Id.Length;
        }

        return count;
    }
}
