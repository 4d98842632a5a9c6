using System.Globalization;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// Streaming Parquet: the memory of exporting a large dataset to Parquet and importing the file back, beside the
/// same steps in JSONL. Memory is sampled, not timed, so this runs outside BenchmarkDotNet:
/// <c>dotnet run -c Release --project benchmarks/LiteDatasets.Benchmarks -- --parquet-memory 100000</c> (the
/// number of items). Export writes row groups of 10,000 rows and import reads one row group at a time, so the
/// peak should stay near the JSONL one however many rows the file has.
/// </summary>
public static class ParquetMemoryReport
{
    public static void Run(int items, TextWriter output)
    {
        using var files = new BenchmarkFiles();
        var path = files.NewFile("parquet");
        var journal = new FileInfo(path + "-journal");
        var parquet = Path.Combine(files.Root, "export.parquet");
        var jsonl = Path.Combine(files.Root, "export.jsonl");
        using var store = DatasetStore.Open(new DatasetStoreOptions { Path = path, Durable = false });
        var id = store.CreateDataset(new DatasetDefinition("large")).Id;
        store.AddItems(id, Enumerable.Range(0, items).Select(i => EvalItems.Draft(i, "item-" + i.ToString(CultureInfo.InvariantCulture))));
        output.WriteLine("| step | time | peak working set | managed heap after | largest journal |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        ImportMemoryReport.Measure(output, journal, "export JSONL", () => DatasetTransfer.Export(store, id, jsonl).Items);
        ImportMemoryReport.Measure(output, journal, "export Parquet", () => DatasetTransfer.Export(store, id, parquet).Items);
        var fromJsonl = store.CreateDataset(new DatasetDefinition("from-jsonl")).Id;
        ImportMemoryReport.Measure(output, journal, "import JSONL", () => DatasetTransfer.Import(store, fromJsonl, jsonl).Result.Added);
        var fromParquet = store.CreateDataset(new DatasetDefinition("from-parquet")).Id;
        ImportMemoryReport.Measure(output, journal, "import Parquet", () => DatasetTransfer.Import(store, fromParquet, parquet).Result.Added);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Files: JSONL {new FileInfo(jsonl).Length / 1e6:N1} MB, Parquet {new FileInfo(parquet).Length / 1e6:N1} MB."));
    }
}
