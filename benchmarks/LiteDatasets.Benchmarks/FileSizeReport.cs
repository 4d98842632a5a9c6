using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// File size: the store file of a dataset without history against the JSONL of its live items
/// (target ≤ 3×), and the bytes each further revision adds. Sizes are counted, not timed, so this runs
/// outside BenchmarkDotNet: <c>dotnet run -c Release --project benchmarks/LiteDatasets.Benchmarks -- --sizes</c>.
/// </summary>
public static class FileSizeReport
{
    public static void Run(TextWriter output)
    {
        output.WriteLine("| items | JSONL bytes | store file bytes | file / JSONL | bytes per item | bytes per extra revision |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var size in BenchmarkSizes.UpToHundredThousand)
        {
            using var files = new BenchmarkFiles();
            var path = files.NewFile("size");
            long jsonl, withoutHistory, withHistory;
            const int Revisions = 10_000;
            using (var store = DatasetStore.Open(new DatasetStoreOptions { Path = path, Durable = false }))
            {
                var id = store.CreateDataset(new DatasetDefinition("size")).Id;
                store.ImportItems(id, Enumerable.Range(0, size).Select(i => EvalItems.Draft(i)));
                jsonl = store.ReadItems(id).Sum(item => (long)Encoding.UTF8.GetByteCount(NativeLine(item)) + 1);
                store.Backup(path + ".compact");
                withoutHistory = new FileInfo(path + ".compact").Length;
                var items = store.ReadItems(id).Select(i => i.Id).ToList();
                var random = new Random(5);
                store.UpsertItems(id, Enumerable.Range(0, Revisions).Select(n => new ItemDraft(JsonValue.Create(EvalItems.Question(size + n))) { Id = items[random.Next(items.Count)] }).DistinctBy(d => d.Id).ToList());
                store.Backup(path + ".history");
                withHistory = new FileInfo(path + ".history").Length;
            }

            var revised = Math.Min(Revisions, size);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {jsonl:N0} | {withoutHistory:N0} | {(double)withoutHistory / jsonl:0.00}× | {withoutHistory / size:N0} | ~{(withHistory - withoutHistory) / revised:N0} |"));
        }
    }

    /// <summary>The item as one line of the native JSONL export shape.</summary>
    private static string NativeLine(DatasetItem item)
    {
        var line = new JsonObject { ["id"] = item.Id };
        if (item.ExternalId is not null)
        {
            line["externalId"] = item.ExternalId;
        }

        line["input"] = item.Input;
        if (item.ExpectedOutput is not null)
        {
            line["expectedOutput"] = item.ExpectedOutput;
        }

        if (item.Metadata is not null)
        {
            line["metadata"] = item.Metadata;
        }

        return line.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
