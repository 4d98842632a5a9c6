using System.Globalization;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The file formats a build knows: format 1 (the first), the steps that lead from it to the format this
/// build writes, and how an older file is brought up to date. A future change of the layout adds a
/// <see cref="FormatStep"/> to <see cref="Steps"/>, which raises <see cref="Version"/> by one; files of every
/// earlier format then upgrade when they are opened for writing.
/// </summary>
internal sealed class FormatPlan
{
    /// <summary>
    /// The formats of this build: format 1, the first, and format 2, which adds the experiment collections
    /// (<see cref="StoreSchema.AddExperiments"/>; a file of format 1 has none, so the step rewrites no row).
    /// </summary>
    public static FormatPlan Current { get; } = new([new FormatStep(1, "adds the experiment collections", StoreSchema.AddExperiments, ReadsOlderFiles: true)]);

    /// <summary>Creates a plan from its steps, which must lead from format 1 upwards one at a time.</summary>
    public FormatPlan(IReadOnlyList<FormatStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].From != FirstVersion + i)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Step {i} starts from format {steps[i].From}; it must start from {FirstVersion + i}."), nameof(steps));
            }
        }

        Steps = steps;
    }

    /// <summary>The first format: the one files without any step have.</summary>
    public const int FirstVersion = 1;

    /// <summary>Gets the steps, in order.</summary>
    public IReadOnlyList<FormatStep> Steps { get; }

    /// <summary>Gets the format this build writes; files with a higher number are refused.</summary>
    public int Version => FirstVersion + Steps.Count;

    /// <summary>
    /// Gets the oldest format a read-only open reads without upgrading: every step after it only adds what an
    /// older file lacks (<see cref="FormatStep.ReadsOlderFiles"/>). Older files must be opened for writing first.
    /// </summary>
    public int OldestReadable
    {
        get
        {
            var oldest = Version;
            while (oldest > FirstVersion && Steps[oldest - 1 - FirstVersion].ReadsOlderFiles)
            {
                oldest--;
            }

            return oldest;
        }
    }

    /// <summary>
    /// Brings the store in <paramref name="db"/> from <paramref name="format"/> to <see cref="Version"/>, one
    /// transaction per step, and makes the header's marker agree with the format record. A crash between
    /// steps leaves a store of an intermediate format, which the next open carries on from; the marker may lag
    /// behind the record, never run ahead of it, and every build checks the record too.
    /// </summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.StorageFailure"/> if a step fails; its transaction is rolled back.</exception>
    public void Upgrade(LiteDatabase db, int format, string path)
    {
        for (; format < Version; format++)
        {
            var step = Steps[format - FirstVersion];
            if (!db.BeginTrans())
            {
                throw new InvalidOperationException("A format upgrade must not run inside another transaction.");
            }

            try
            {
                step.Apply(db);
                StoreSchema.WriteFormat(db, format + 1);
                if (!db.Commit())
                {
                    throw new InvalidOperationException("LiteDB did not commit the step.");
                }
            }
            catch (Exception ex)
            {
                db.Rollback();
                throw Errors.UpgradeFailed(path, format, step.Description, ex);
            }
        }

        // LiteDB writes pragmas in a transaction of their own, so the marker follows the record.
        var marker = StoreFormat.MarkerFor(format);
        if (db.UserVersion != marker)
        {
            db.UserVersion = marker;
        }
    }
}
