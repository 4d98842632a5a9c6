using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.TestHost;

/// <summary>
/// The <c>shared-writer</c> and <c>pg-writer</c> commands: opens the store (a file, in shared mode when asked, or a
/// PostgreSQL schema), prints "ready", waits for a line on
/// standard input so that several writers start together, then adds <c>count</c> items to an existing dataset, one
/// commit each, printing "committed &lt;version&gt;" after each, and "done" once the store is closed. Item i has the
/// input and external id "&lt;label&gt;-&lt;i&gt;", so the test can tell whose items it finds.
/// </summary>
internal static class SharedWriter
{
    public static int Run(Func<IDatasetStore> open, string datasetName, int count, string label)
    {
        using (var store = open())
        {
            var dataset = store.FindDataset(datasetName);
            if (dataset is null)
            {
                Program.Say("missing " + datasetName);
                return ExitCodes.OtherError;
            }

            Program.Say("ready");
            Console.In.ReadLine();
            for (var i = 0; i < count; i++)
            {
                var key = label + "-" + i.ToString(CultureInfo.InvariantCulture);
                var commit = store.AddItem(dataset.Id, new ItemDraft(JsonValue.Create(key)) { ExternalId = key });
                Program.Say("committed " + commit.Version.ToString(CultureInfo.InvariantCulture));
            }
        }

        Program.Say("done");
        return ExitCodes.Ok;
    }
}
