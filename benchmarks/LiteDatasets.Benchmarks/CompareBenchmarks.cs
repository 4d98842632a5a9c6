using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// Compare two experiments of 10k and 100k results each (one repetition of every item, two scores, candidate values
/// shifted so that items move both ways). The baseline reads both experiments' results with <c>ReadResults</c>; the
/// point is that the comparison streams: its allocations follow the results read, as the baseline's do, and it never
/// holds them (but for each side's durations, which <c>Summarize</c> keeps for the percentiles).
/// </summary>
[MemoryDiagnoser]
public class CompareBenchmarks
{
    private const int Batch = 5_000;

    private SampleStore _sample = null!;
    private string _baseline = null!;
    private string _candidate = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToHundredThousand))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new SampleStore(Size, versions: 1);
        _baseline = Record("baseline", 0);
        _candidate = Record("candidate", 37);
    }

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "ReadResults of both")]
    public int ReadBoth()
    {
        var count = 0;
        foreach (var result in _sample.Store.ReadResults(_baseline).Concat(_sample.Store.ReadResults(_candidate)))
        {
            count += result.Scores.Count;
        }

        return count;
    }

    [Benchmark(Description = "CompareExperiments (summary)")]
    public long Compare() => _sample.Store.CompareExperiments(_baseline, _candidate).Scores.Sum(s => s.Paired);

    [Benchmark(Description = "CompareExperiments + Items")]
    public int CompareWithItems()
    {
        var count = 0;
        foreach (var item in _sample.Store.CompareExperiments(_baseline, _candidate).Items)
        {
            count += (int)item.Status;
        }

        return count;
    }

    /// <summary>Creates an experiment and records one result per item, its values shifted by <paramref name="shift"/>.</summary>
    private string Record(string name, int shift)
    {
        var id = _sample.Store.CreateExperiment(_sample.DatasetId, new ExperimentDefinition { Name = name }).Id;
        foreach (var chunk in _sample.ItemIds.Select((itemId, i) => (itemId, i)).Chunk(Batch))
        {
            _sample.Store.RecordResults(id, chunk.Select(x => new ResultDraft(x.itemId)
            {
                Output = new JsonObject { ["answer"] = EvalItems.Answer(x.i) },
                Duration = TimeSpan.FromMilliseconds(100 + ((x.i + shift) % 900)),
                Scores =
                [
                    new ScoreDraft("exact_match") { Value = (x.i + shift) % 3 == 0 ? 0 : 1, Passed = (x.i + shift) % 3 != 0 },
                    new ScoreDraft("similarity") { Value = ((x.i + shift) % 100) / 100.0 },
                ],
            }));
        }

        return id;
    }
}
