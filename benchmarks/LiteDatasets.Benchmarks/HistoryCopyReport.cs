using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// The time and memory of moving a long history between stores, outside BenchmarkDotNet (one run of minutes, memory
/// sampled): <c>dotnet run -c Release --project benchmarks/LiteDatasets.Benchmarks -- --history-copy 1000000 100</c>
/// builds a dataset of N items in version 1 and then V − 1 versions that each update 1% of the items, and reports
/// a copy to a new file, an export of the history as a bundle, and an import of that bundle into a new file; with
/// <c>--postgres</c>, also a copy into a private PostgreSQL server and back into a new file.
/// </summary>
public static class HistoryCopyReport
{
    public static void Run(int items, int versions, bool postgres, TextWriter output)
    {
        using var files = new BenchmarkFiles();
        var sourcePath = files.NewFile("history-source");
        string datasetId;
        using (var source = DatasetStore.Open(new DatasetStoreOptions { Path = sourcePath, Durable = false }))
        {
            datasetId = Build(source, items, versions);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Source: {items:N0} items, {versions} versions, {new FileInfo(sourcePath).Length / 1e6:N0} MB."));
        output.WriteLine("| step | time | peak working set | managed heap after | largest journal |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        var bundle = Path.Combine(files.Root, "history.jsonl");
        using (var source = DatasetStore.Open(new DatasetStoreOptions { Path = sourcePath, ReadOnly = true }))
        {
            Step(files, output, "copy file → file", target => DatasetHistory.Copy(source, target, datasetId).VersionsWritten);
            ImportMemoryReport.Measure(output, new FileInfo(bundle + "-none"), "export --history", () => DatasetHistory.Export(source, datasetId, bundle).Versions, "versions");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Bundle: {new FileInfo(bundle).Length / 1e6:N0} MB."));
        Step(files, output, "import --history", target => DatasetHistory.Import(target, bundle).VersionsWritten);
        if (postgres)
        {
            // A private server, as the PostgreSQL benchmarks start; its sample dataset is empty and left alone.
            using var server = new PostgresSample(0, 0);
            using var source = DatasetStore.Open(new DatasetStoreOptions { Path = sourcePath, ReadOnly = true });
            ImportMemoryReport.Measure(output, new FileInfo(bundle + "-none"), "copy file → PostgreSQL", () => DatasetHistory.Copy(source, server.Store, datasetId).VersionsWritten, "versions");
            Step(files, output, "copy PostgreSQL → file", target => DatasetHistory.Copy(server.Store, target, datasetId).VersionsWritten);
        }
    }

    private static void Step(BenchmarkFiles files, TextWriter output, string name, Func<IDatasetStore, long> run)
    {
        var path = files.NewFile(name.Split(' ')[0]);
        using var target = DatasetStore.Open(new DatasetStoreOptions { Path = path, Durable = false });
        ImportMemoryReport.Measure(output, new FileInfo(path + "-journal"), name, () => run(target), "versions");
    }

    private static string Build(IDatasetStore store, int items, int versions)
    {
        var id = store.CreateDataset(new DatasetDefinition("history")).Id;
        var ids = store.AddItems(id, EvalItems.Drafts(0, items), new WriteOptions { Message = "seed" }).Items.Select(i => i.Id).ToArray();
        var random = new Random(1);
        for (var version = 2; version <= versions; version++)
        {
            var changed = Enumerable.Range(0, Math.Max(1, items / 100)).Select(_ => ids[random.Next(ids.Length)]).Distinct().ToList();
            store.UpsertItems(id, changed.Select(itemId => new ItemDraft(JsonValue.Create($"edited in version {version}: {itemId}")) { Id = itemId }), UpsertMode.Upsert);
        }

        return id;
    }
}
