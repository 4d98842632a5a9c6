using System.Globalization;
using System.Text.Json.Nodes;
using LiteDatasets.Engines.LiteDb.Connections;

namespace LiteDatasets.TestHost;

/// <summary>
/// The <c>spill-then-wait</c> command: opens the store (in shared mode when asked) with a small page pool, makes three
/// small commits to the dataset "spill" (created if missing), then starts a large import. Once the import has spilled
/// pages to the journal beside the store, it prints "spilled" and waits on standard input, where the test kills it:
/// a writer killed in the middle of a write, with a journal full of pages that belong to no commit.
/// </summary>
internal static class SpillWriter
{
    private const string DatasetName = "spill";

    /// <summary>Journal bytes beyond which the import counts as spilled.</summary>
    private const long SpilledBytes = 1024 * 1024;

    public static int Run(DatasetStoreOptions options)
    {
        using var store = DatasetStore.Open(StoreSettings.From(options) with { TransactionPoolPages = 256 });
        var dataset = store.FindDataset(DatasetName) ?? store.CreateDataset(new DatasetDefinition(DatasetName));
        for (var i = 0; i < 3; i++)
        {
            store.AddItem(dataset.Id, new ItemDraft(JsonValue.Create("small " + i.ToString(CultureInfo.InvariantCulture))));
        }

        store.ImportItems(dataset.Id, Drafts(options.Path + "-journal"));
        Program.Say("done");
        return ExitCodes.Ok;
    }

    private static IEnumerable<ItemDraft> Drafts(string journalPath)
    {
        var journal = new FileInfo(journalPath);
        var filler = new string('s', 500);
        for (var i = 0; i < 40_000; i++)
        {
            yield return new ItemDraft(JsonValue.Create(i.ToString(CultureInfo.InvariantCulture) + filler));
            journal.Refresh();
            if (i % 100 == 0 && journal.Exists && journal.Length > SpilledBytes)
            {
                Program.Say("spilled");
                Console.In.ReadLine();
            }
        }
    }
}
