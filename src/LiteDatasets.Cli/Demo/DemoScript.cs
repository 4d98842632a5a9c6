using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Demo;

/// <summary>
/// Builds the demo dataset: an import, a reviewed edit, a delete, a second import, and two tags, so that a
/// newcomer sees versions, a diff and a snapshot read of one real dataset.
/// </summary>
internal static class DemoScript
{
    /// <summary>The demo dataset's name.</summary>
    public const string DatasetName = "gsm8k-demo";

    /// <summary>The dataset metadata member that marks a file as the demo's own (see <see cref="IsDemoFile"/>).</summary>
    public const string MarkerKey = "builtBy";

    /// <summary>The value of <see cref="MarkerKey"/>.</summary>
    public const string MarkerValue = "litedatasets demo";

    /// <summary>How many problems the first import brings; the rest come in the last version.</summary>
    public const int FirstImport = 250;

    /// <summary>The keys of the problems the demo reviews (version 2) and deletes (version 3).</summary>
    public static readonly string[] Reviewed = ["gsm8k-test-0001", "gsm8k-test-0002", "gsm8k-test-0003", "gsm8k-test-0004", "gsm8k-test-0005"];

    /// <summary>The keys of the problems the demo deletes.</summary>
    public static readonly string[] Removed = ["gsm8k-test-0007", "gsm8k-test-0011"];

    /// <summary>
    /// Whether the store file at <paramref name="path"/> is one the demo built and nobody added to: it holds one
    /// dataset, the demo's, marked as such. The demo rebuilds such a file; any other file is someone's work.
    /// </summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.FileLocked"/> while a store has the file open.</exception>
    public static bool IsDemoFile(string path)
    {
        try
        {
            using var store = DatasetStore.Open(new DatasetStoreOptions { Path = path, ReadOnly = true });
            var datasets = store.ListDatasets(new DatasetQuery { PageSize = 2 }).Items;
            return datasets is [{ Name: DatasetName } demo]
                && demo.Metadata?[MarkerKey] is JsonValue marker && marker.TryGetValue<string>(out var value) && value == MarkerValue;
        }
        catch (LiteDatasetsException ex) when (ex.Code is ErrorCode.FileCorrupt or ErrorCode.UnsupportedFormat)
        {
            return false;
        }
    }

    /// <summary>Builds the demo into an open, empty store and returns the dataset.</summary>
    public static Dataset Build(IDatasetStore store)
    {
        var problems = DemoSample.Problems();
        var dataset = store.CreateDataset(new DatasetDefinition(DatasetName)
        {
            Description = "Grade-school math word problems (GSM8K test split, MIT licence), built by 'litedatasets demo'.",
            Metadata = new JsonObject { ["source"] = "GSM8K", ["split"] = "test", [MarkerKey] = MarkerValue },
        });
        var mapping = new FieldMapping { Input = ["question"], ExpectedOutput = "answer", Key = "id" };

        // Version 1: the first problems, imported as a file would be.
        using (var first = DemoSample.AsJsonl(problems.Take(FirstImport)))
        {
            DatasetTransfer.Import(store, dataset.Id, first, new ImportOptions
            {
                Format = TransferFormat.Jsonl,
                Mapping = mapping,
                SourceName = $"gsm8k-sample.jsonl (problems 1–{FirstImport})",
            });
        }

        store.TagVersion(dataset.Id, 1, "baseline");

        // Version 2: a reviewer keeps only the final number as the expected output, and marks the items.
        var reviewed = Reviewed.Select(key => store.ListItems(dataset.Id, new ItemQuery { ExternalId = key }).Items.Single())
            .Select(item => new ItemDraft(item.Input)
            {
                ExternalId = item.ExternalId,
                ExpectedOutput = JsonValue.Create(FinalAnswer(item.ExpectedOutput!.GetValue<string>())),
                Metadata = new JsonObject { ["reviewed"] = true },
            });
        store.UpsertItems(dataset.Id, reviewed, UpsertMode.Upsert, new WriteOptions { Message = "Review: keep only the final number of 5 answers" });

        // Version 3: two problems are removed.
        var removed = Removed.Select(key => store.ListItems(dataset.Id, new ItemQuery { ExternalId = key }).Items.Single().Id);
        store.DeleteItems(dataset.Id, removed, new WriteOptions { Message = "Remove 2 problems flagged as ambiguous" });

        // Version 4: the rest of the sample arrives in a second import.
        using (var rest = DemoSample.AsJsonl(problems.Skip(FirstImport)))
        {
            DatasetTransfer.Import(store, dataset.Id, rest, new ImportOptions
            {
                Format = TransferFormat.Jsonl,
                Mapping = mapping,
                SourceName = $"gsm8k-sample.jsonl (problems {FirstImport + 1}–{problems.Count})",
            });
        }

        var current = store.GetDataset(dataset.Id)!;
        store.TagVersion(dataset.Id, current.Version, "golden");
        return current;
    }

    /// <summary>Gets the final answer of a GSM8K solution: the text after its last "#### ".</summary>
    public static string FinalAnswer(string solution)
    {
        var mark = solution.LastIndexOf("####", StringComparison.Ordinal);
        return mark < 0 ? solution : solution[(mark + 4)..].Trim();
    }
}
