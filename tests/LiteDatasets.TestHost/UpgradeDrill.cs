using System.Globalization;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.TestHost;

/// <summary>
/// A format upgrade for the crash tests: a plan whose one step (format 1 to 2) rewrites every revision of the
/// store, which takes long enough for a kill to land inside it. The child opens a file of format 1 with it;
/// the test checks what a kill at any moment left, and finishes the upgrade with the same plan.
/// </summary>
internal static class UpgradeDrill
{
    /// <summary>The field the step adds to every revision.</summary>
    public const string Field = "drill";

    /// <summary>Returns the plan; <paramref name="started"/> runs when the step begins.</summary>
    public static FormatPlan Plan(Action? started = null) => new([new FormatStep(1, "marks every revision", db =>
    {
        started?.Invoke();
        var revisions = db.GetCollection(StoreSchema.Revisions);
        foreach (var row in revisions.FindAll().ToList())
        {
            row[Field] = true;
            revisions.Update(row);
        }
    })]);

    /// <summary>Counts the revisions the step has marked and all revisions.</summary>
    public static (int Marked, int All) Count(LiteDatabase db)
    {
        var revisions = db.GetCollection(StoreSchema.Revisions);
        return (revisions.Count(Query.EQ("$." + Field, true)), revisions.Count());
    }

    /// <summary>Prints "opening", "step" when the step begins and "upgraded &lt;format&gt;" once open, then holds the file.</summary>
    public static int Run(DatasetStoreOptions options)
    {
        Program.Say("opening");
        using var store = DatasetStore.Open(options with { Formats = Plan(() => Program.Say("step")) });
        Program.Say("upgraded " + store.FormatVersion.ToString(CultureInfo.InvariantCulture));
        Console.In.ReadLine();
        return ExitCodes.Ok;
    }
}
