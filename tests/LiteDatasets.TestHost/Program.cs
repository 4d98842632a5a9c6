using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LiteDatasets.PostgreSql;

namespace LiteDatasets.TestHost;

/// <summary>
/// A second process for the storage tests. Every command prints what happened, one line at a time, and exits
/// with <see cref="ExitCodes"/>: "ok" or "error &lt;ErrorCode&gt;" tells the test how an open went.
/// </summary>
/// <remarks>
/// Commands (options: --readonly, --shared, --fast for Durable = false, --umask=OCTAL for the process's umask):
/// <list type="bullet">
/// <item><c>open &lt;path&gt;</c>: opens and closes the store.</item>
/// <item><c>hold &lt;path&gt;</c>: opens the store, commits one item (unless read-only), prints "ready" and keeps the
/// file open until a line (or end of input) arrives on standard input, then closes it and prints "closed".</item>
/// <item><c>add &lt;path&gt; &lt;dataset&gt; &lt;count&gt;</c>: adds count items to the named dataset (created if missing),
/// one commit each, and prints "done &lt;version&gt;".</item>
/// <item><c>commit-then-kill &lt;path&gt; &lt;count&gt;</c>: adds count items to a new dataset, one commit each, prints
/// "committed &lt;version&gt;" after each, then kills its own process without closing anything.</item>
/// <item><c>bulk-then-kill &lt;path&gt; &lt;items&gt; &lt;bytes&gt;</c>: adds one batch of items, each holding a string of about
/// bytes characters, to a new dataset "bulk" as one commit, prints "committed &lt;version&gt;", then kills its own process.</item>
/// <item><c>crash-writer &lt;path&gt; &lt;seed&gt; &lt;tag&gt; &lt;writes&gt; &lt;large-at&gt;</c>: runs a seeded random stream of writes on the
/// dataset "crash" and prints what each commit must hold (see <see cref="CrashWriter"/> and <see cref="CrashLine"/>).</item>
/// <item><c>result-writer &lt;path&gt; &lt;seed&gt; &lt;tag&gt; &lt;batches&gt; &lt;large-at&gt; &lt;large-op&gt;</c>: records a seeded random series of
/// batches of results into the experiment "crash-results" of the dataset "results" and prints each batch and each commit
/// (see <see cref="ResultWriter"/> and <see cref="ResultCrashLine"/>).</item>
/// <item><c>shared-writer &lt;path&gt; &lt;dataset&gt; &lt;count&gt; &lt;label&gt;</c>: waits for a line on standard input,
/// then adds count labelled items to an existing dataset, one commit each (see <see cref="SharedWriter"/>).</item>
/// <item><c>pg-writer &lt;connection string&gt; &lt;schema&gt; &lt;dataset&gt; &lt;count&gt; &lt;label&gt;</c>: as
/// <c>shared-writer</c>, on a PostgreSQL store.</item>
/// <item><c>history-copy &lt;source&gt; &lt;target&gt; &lt;dataset&gt;</c>: copies a dataset's history into another file,
/// printing "committed &lt;version&gt;" as each version commits (see <see cref="HistoryCopier"/>).</item>
/// <item><c>spill-then-wait &lt;path&gt;</c>: makes three commits, then starts a large import and waits, killable, once
/// it has spilled pages to the journal (see <see cref="SpillWriter"/>).</item>
/// <item><c>upgrade-drill &lt;path&gt; [--die-after-step | --die-mid-step]</c>: opens the store with <see cref="UpgradeDrill"/>'s plan,
/// which upgrades a file of format 1, and keeps it open until a line arrives on standard input (or kills
/// itself once the step has committed, or half-way through it).</item>
/// </list>
/// </remarks>
internal static class Program
{
    /// <summary>The dataset <c>hold</c> writes into.</summary>
    private const string HeldDataset = "held-by-child";

    /// <summary>The dataset <c>commit-then-kill</c> writes into.</summary>
    private const string KilledDataset = "killed";

    /// <summary>The dataset <c>bulk-then-kill</c> writes into.</summary>
    internal const string BulkDataset = "bulk";

    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: <open|hold|add|commit-then-kill|bulk-then-kill|spill-then-wait|crash-writer|result-writer|shared-writer|pg-writer|upgrade-drill> <path> [arguments] [--readonly] [--shared] [--fast]");
            return ExitCodes.Usage;
        }

        ProcessUmask.Apply(args);
        var command = args[0];
        var options = new DatasetStoreOptions
        {
            Path = args[1],
            ReadOnly = args.Contains("--readonly"),
            Shared = args.Contains("--shared"),
            Durable = !args.Contains("--fast"),
        };
        var positional = args.Skip(2).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();

        try
        {
            return command switch
            {
                "open" => Open(options),
                "hold" => Hold(options),
                "add" when positional.Length == 2 => Add(options, positional[0], int.Parse(positional[1], CultureInfo.InvariantCulture)),
                "commit-then-kill" when positional.Length == 1 => CommitThenKill(options, int.Parse(positional[0], CultureInfo.InvariantCulture)),
                "bulk-then-kill" when positional.Length == 2 => BulkThenKill(options, Number(positional[0]), Number(positional[1])),
                "crash-writer" when positional.Length == 4 => CrashWriter.Run(options, Number(positional[0]), positional[1], Number(positional[2]), Number(positional[3])),
                "result-writer" when positional.Length == 5 => ResultWriter.Run(options, Number(positional[0]), positional[1], Number(positional[2]), Number(positional[3]), positional[4]),
                "shared-writer" when positional.Length == 3 => SharedWriter.Run(() => DatasetStore.Open(options), positional[0], Number(positional[1]), positional[2]),
                "pg-writer" when positional.Length == 4 => SharedWriter.Run(
                    () => PostgresDatasetStore.Open(args[1], new PostgresStoreOptions { Schema = positional[0] }), positional[1], Number(positional[2]), positional[3]),
                "spill-then-wait" => SpillWriter.Run(options),
                "history-copy" when positional.Length == 2 => HistoryCopier.Run(options, positional[0], positional[1]),
                "upgrade-drill" => UpgradeDrill.Run(options, dieAfterStep: args.Contains("--die-after-step"), dieMidStep: args.Contains("--die-mid-step")),
                _ => Usage(command),
            };
        }
        catch (LiteDatasetsException ex)
        {
            Say("error " + ex.Code);
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.StoreError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            Say("exception " + ex.GetType().Name);
            Console.Error.WriteLine(ex);
            return ExitCodes.OtherError;
        }
    }

    private static int Open(DatasetStoreOptions options)
    {
        using (DatasetStore.Open(options))
        {
            Say("ok");
        }

        return ExitCodes.Ok;
    }

    private static int Hold(DatasetStoreOptions options)
    {
        using (var store = DatasetStore.Open(options))
        {
            if (!options.ReadOnly)
            {
                var dataset = store.FindDataset(HeldDataset) ?? store.CreateDataset(new DatasetDefinition(HeldDataset));
                store.AddItem(dataset.Id, new ItemDraft(JsonValue.Create("written while held")));
            }

            Say("ready");
            Console.In.ReadLine();
        }

        Say("closed");
        return ExitCodes.Ok;
    }

    private static int Add(DatasetStoreOptions options, string datasetName, int count)
    {
        using var store = DatasetStore.Open(options);
        var dataset = store.FindDataset(datasetName) ?? store.CreateDataset(new DatasetDefinition(datasetName));
        long version = dataset.Version;
        for (var i = 0; i < count; i++)
        {
            version = store.AddItem(dataset.Id, new ItemDraft(JsonValue.Create("child item " + i.ToString(CultureInfo.InvariantCulture)))).Version;
        }

        Say("done " + version.ToString(CultureInfo.InvariantCulture));
        return ExitCodes.Ok;
    }

    private static int CommitThenKill(DatasetStoreOptions options, int count)
    {
        var store = DatasetStore.Open(options);
        var dataset = store.CreateDataset(new DatasetDefinition(KilledDataset));
        for (var i = 0; i < count; i++)
        {
            var commit = store.AddItem(dataset.Id, new ItemDraft(JsonValue.Create("item " + i.ToString(CultureInfo.InvariantCulture))));
            Say("committed " + commit.Version.ToString(CultureInfo.InvariantCulture));
        }

        // No Dispose, no checkpoint: the process ends the moment the last commit has returned, as a kill -9 would.
        KillSelf();
        return ExitCodes.OtherError;
    }

    private static int BulkThenKill(DatasetStoreOptions options, int items, int bytes)
    {
        var store = DatasetStore.Open(options);
        var dataset = store.CreateDataset(new DatasetDefinition(BulkDataset));
        var filler = new string('x', bytes);
        var commit = store.AddItems(dataset.Id, Enumerable.Range(0, items).Select(i => new ItemDraft(JsonValue.Create(i.ToString(CultureInfo.InvariantCulture) + filler))));
        Say("committed " + commit.Version.ToString(CultureInfo.InvariantCulture));
        KillSelf();
        return ExitCodes.OtherError;
    }

    /// <summary>Ends the process at once, as a kill -9 would: no Dispose, no checkpoint, no flush.</summary>
    internal static void KillSelf()
    {
        using var self = Process.GetCurrentProcess();
        self.Kill();
        self.WaitForExit();
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static int Usage(string command)
    {
        Console.Error.WriteLine($"unknown command or wrong arguments: '{command}'");
        return ExitCodes.Usage;
    }

    internal static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
