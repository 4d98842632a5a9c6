using System.Diagnostics;
using System.Globalization;
using LiteDatasets.Engines.LiteDb.Connections;
using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.TestHost;

/// <summary>
/// A format upgrade for the crash tests: a plan whose one step (format 1 to 2) rewrites every revision of the
/// store with some padding, which takes long enough for a kill to land inside it, and which spills pages to
/// the journal before it commits (its transaction may hold only LiteDB's first 1,000 pages). The child opens
/// a file of format 1 with it; the test checks what a kill at any moment left, and finishes the upgrade with
/// the same plan.
/// </summary>
internal static class UpgradeDrill
{
    /// <summary>The field the step adds to every revision.</summary>
    public const string Field = "drill";

    private static readonly string Padding = new('d', 4_000);

    /// <summary>Returns the plan; <paramref name="started"/> runs when the step begins.</summary>
    public static FormatPlan Plan(Action? started = null) => new([Step(started)]);

    /// <summary>Counts the revisions the step has marked and all revisions.</summary>
    public static (int Marked, int All) Count(LiteDatabase db)
    {
        var revisions = db.GetCollection(StoreSchema.Revisions);
        return (revisions.Count(Query.EQ("$." + Field, Padding)), revisions.Count());
    }

    /// <summary>
    /// Prints "opening", "step" when the step begins and "upgraded &lt;format&gt;" once open, then holds the
    /// file. With <paramref name="dieAfterStep"/> a second step kills the process as it starts: the first has
    /// committed, and nothing after it (the header's marker, the checkpoint) has run. With
    /// <paramref name="dieMidStep"/> the step kills the process once it has rewritten half the revisions,
    /// after its transaction has spilled pages to the journal.
    /// </summary>
    public static int Run(DatasetStoreOptions options, bool dieAfterStep, bool dieMidStep)
    {
        Program.Say("opening");
        var step = Step(() => Program.Say("step"), dieMidStep);
        var formats = dieAfterStep ? new FormatPlan([step, new FormatStep(2, "kills the process", _ => DieNow())]) : new FormatPlan([step]);
        using var store = DatasetStore.Open(StoreSettings.From(options) with { Formats = formats });
        Program.Say("upgraded " + store.FormatVersion.ToString(CultureInfo.InvariantCulture));
        Console.In.ReadLine();
        return ExitCodes.Ok;
    }

    private static FormatStep Step(Action? started, bool dieMidStep = false) => new(1, "marks every revision", db =>
    {
        started?.Invoke();
        TransactionMemory.Limit(db, pages: 0);
        var revisions = db.GetCollection(StoreSchema.Revisions);
        var rows = revisions.FindAll().ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            if (dieMidStep && i == rows.Count / 2)
            {
                DieNow();
            }

            rows[i][Field] = Padding;
            revisions.Update(rows[i]);
        }
    });

    private static void DieNow()
    {
        Program.Say("dying");
        using var self = Process.GetCurrentProcess();
        self.Kill();
        self.WaitForExit();
    }
}
