using System.Diagnostics;
using System.Globalization;

namespace LiteDatasets.Tests.Engines.LiteDb.Damage;

/// <summary>
/// Stores with one damaged page or byte: random bytes, zeros or a copy of another page over one page, or one byte
/// changed, in the data file of small stores of several shapes, or in the journal of one whose process was killed.
/// Each case is opened read-only, then for writing, and each time read in full (every dataset, version, item,
/// history and tag, a diff and a fingerprint), verified and backed up; then opened for writing once more and
/// written to. Whatever escapes is a <see cref="LiteDatasetsException"/> with a code that fits damage
/// (<see cref="ErrorCode.FileCorrupt"/>, or <see cref="ErrorCode.UnsupportedFormat"/> when the header's format
/// marker was hit), never a raw LiteDB, I/O, decoding, cast or null-reference exception; <c>Verify</c> reports damage
/// instead of throwing, and notices item content that reads back changed; a read-only open changes no byte of the
/// file or its journal and leaves no side file, and an open for writing that only reads changes no byte of the
/// data file; a refused write leaves no trace; closing never throws. Damage that lands where nothing reads it (free
/// space, say) may go unnoticed.
/// </summary>
/// <remarks>
/// The cases come from a fixed list of seeds, so every run tries the same damage on stores with the same rows.
/// <c>LITEDATASETS_DAMAGE_CASES</c> runs more seeds; <c>LITEDATASETS_DAMAGE_SEED</c> replays one case, named with
/// its seed in every failure. The summary counts how the cases ended.
/// </remarks>
[TestFixture]
public sealed class DamagedFileTests
{
    private const int DefaultCases = 300;

    /// <summary>How long one case may take before it counts as hung (it takes a fraction of a second).</summary>
    private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(30);

    private TempDirectory _directory = null!;
    private IReadOnlyList<StoreImage> _images = null!;
    private Dictionary<string, DamageProbe> _healthy = null!;

    [OneTimeSetUp]
    public void BuildStores()
    {
        _directory = new TempDirectory();
        _images = DamageStores.Build(_directory.Path);
        _healthy = _images.ToDictionary(i => i.Name, ReadHealthy);
    }

    [OneTimeTearDown]
    public void DeleteStores() => _directory.Dispose();

    [Test]
    public void Open_OneDamagedPageOrByte_OnlyLiteDatasetsErrorsVerifyReportsAndReadOnlyChangesNothing()
    {
        var seeds = TestEnvironment.Number("LITEDATASETS_DAMAGE_SEED") is { } one ? [one] : Enumerable.Range(1, TestEnvironment.Number("LITEDATASETS_DAMAGE_CASES") ?? DefaultCases).ToList();
        var tally = new DamageTally();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var seed in seeds)
        {
            var damage = DamageCase.Draw(seed, _images);
            tally.Case(damage);
            var task = Task.Factory.StartNew(() => RunCase(damage, tally), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (Task.WaitAny([task], CaseBound) < 0)
            {
                Assert.Fail($"{damage}: the case did not end within {CaseBound.TotalSeconds} s.");
            }

            failures.AddRange(task.GetAwaiter().GetResult());
        }

        TestContext.Out.WriteLine(tally.Summary(clock.Elapsed));
        if (failures.Count > 0)
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{failures.Count} failures in {tally.Cases} cases:\n") + string.Join("\n", failures));
        }
    }

    /// <summary>
    /// Runs one case: an open read-only and one for writing that read everything, verify and back up, then an open for
    /// writing that writes once. Returns what went wrong.
    /// </summary>
    private List<string> RunCase(DamageCase damage, DamageTally tally)
    {
        var failures = new List<string>();
        var directory = Path.Combine(_directory.Path, "case-" + damage.Seed.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "store.litedb");
        damage.WriteTo(path);
        var before = Snapshot(directory);
        var dataBefore = FileState.Of(path);

        Probe(damage, path, readOnly: true, failures, tally);
        if (Snapshot(directory) != before)
        {
            failures.Add($"{damage}: the read-only open changed a file or left a side file ({string.Join(", ", FileState.Listing(directory))}).");
        }

        Probe(damage, path, readOnly: false, failures, tally);
        if (damage.Store.Journal is null && FileState.Of(path) != dataBefore)
        {
            failures.Add($"{damage}: an open for writing that only read changed the data file.");
        }

        Write(damage, path, failures);
        Directory.Delete(directory, recursive: true);
        return failures;
    }

    /// <summary>The state of every file in a case's directory: names, lengths and hashes.</summary>
    private static string Snapshot(string directory) =>
        string.Join("\n", FileState.Listing(directory).Select(name => name + " " + FileState.Of(Path.Combine(directory, name))));

    /// <summary>Opens the damaged store, reads it in full, verifies it, backs it up and closes it.</summary>
    private void Probe(DamageCase damage, string path, bool readOnly, List<string> failures, DamageTally tally)
    {
        var mode = readOnly ? "read-only" : "for writing, reading only";
        if (Open(damage, path, readOnly, mode, failures, tally) is not { } store)
        {
            return;
        }

        var probe = new DamageProbe(store);
        try
        {
            probe.ReadEverything();
            probe.Verify(store.Verify);
            if (readOnly && damage.Seed % 3 == 0)
            {
                // A backup reads every row once more, through LiteDB's own document reader (in a third of the
                // cases: it writes a whole new store).
                var backup = Path.Combine(_directory.Path, "backup-" + damage.Seed.ToString(CultureInfo.InvariantCulture) + ".litedb");
                probe.Call("Backup", () => store.Backup(backup));
                File.Delete(backup);
            }
        }
        finally
        {
            Close(store, $"{damage}, {mode}", failures);
        }

        Judge(damage, mode, probe, failures, tally);
    }

    /// <summary>Opens the damaged store for writing, writes once and closes it: a refused write leaves no trace.</summary>
    private static void Write(DamageCase damage, string path, List<string> failures)
    {
        const string Mode = "for writing, writing once";
        if (Open(damage, path, readOnly: false, Mode, failures, tally: null) is not { } store)
        {
            return;
        }

        var probe = new DamageProbe(store);
        try
        {
            probe.ReadDatasetList();
            probe.WriteOnce();
        }
        finally
        {
            Close(store, $"{damage}, {Mode}", failures);
        }

        foreach (var (call, error) in probe.Errors)
        {
            Judge(failures, $"{damage}, {Mode}: {call}", error);
        }

        failures.AddRange(probe.Problems.Select(p => $"{damage}, {Mode}: {p}"));
    }

    private static DatasetStore? Open(DamageCase damage, string path, bool readOnly, string mode, List<string> failures, DamageTally? tally)
    {
        try
        {
            // Durability has nothing to do with damage; without it the cases do not wait for the disk.
            return TestStores.Open(path, readOnly, durable: false, lockTimeout: TimeSpan.FromSeconds(5));
        }
#pragma warning disable CA1031 // The test judges whatever the open throws.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Judge(failures, $"{damage}, {mode}: Open", ex);
            tally?.Outcome(mode, ex as LiteDatasetsException, null, DamageTally.ReadBack.Same);
            return null;
        }
    }

    /// <summary>Judges what the calls of one open threw, returned and reported.</summary>
    private void Judge(DamageCase damage, string mode, DamageProbe probe, List<string> failures, DamageTally tally)
    {
        foreach (var (call, error) in probe.Errors)
        {
            if (call == "Verify")
            {
                failures.Add($"{damage}, {mode}: Verify threw {error.GetType().Name} instead of reporting: {error.Message}");
            }
            else if (!(error is LiteDatasetsException { Code: ErrorCode.ItemNotFound or ErrorCode.VersionNotFound or ErrorCode.TagNotFound or ErrorCode.DatasetNotFound } && probe.Report is { IsHealthy: false }))
            {
                // A damaged index can make a read miss a row the store listed a moment before, so that it answers
                // "not found"; that is a fitting answer only if Verify finds the damage.
                Judge(failures, $"{damage}, {mode}: {call}", error);
            }
        }

        var healthy = _healthy[damage.Store.Name];
        var changed = probe.Content.Where(c => healthy.Content.TryGetValue(c.Key, out var was) && was != c.Value).Select(c => c.Key).ToList();
        var readBack = changed.Count > 0 ? DamageTally.ReadBack.ContentChanged
            : !probe.Content.Keys.ToHashSet().SetEquals(healthy.Content.Keys) ? DamageTally.ReadBack.ItemsMissingOrExtra
            : !probe.OtherLines.SequenceEqual(healthy.OtherLines) ? DamageTally.ReadBack.OtherChanged
            : DamageTally.ReadBack.Same;
        if (changed.Count > 0 && probe.Errors.Count == 0 && probe.Report is { IsHealthy: true })
        {
            failures.Add($"{damage}, {mode}: the content of {changed[0]} read back changed ({healthy.Content[changed[0]]} -> {probe.Content[changed[0]]}), yet Verify found nothing.");
        }

        tally.Outcome(mode, null, probe, readBack);
    }

    /// <summary>An exception that escapes the store must be the store's own, with a code that fits damage.</summary>
    private static void Judge(List<string> failures, string where, Exception error)
    {
        if (error is not LiteDatasetsException known)
        {
            failures.Add($"{where} threw {error.GetType().FullName}: {error.Message}\n    at {FirstFrames(error)}");
        }
        else if (known.Code is not (ErrorCode.FileCorrupt or ErrorCode.UnsupportedFormat))
        {
            failures.Add($"{where} threw {known.Code}: {known.Message}");
        }
    }

    /// <summary>Where an exception was thrown: the first frames of its stack, to find the code that let it escape.</summary>
    private static string FirstFrames(Exception error) =>
        string.Join(" < ", (error.StackTrace ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(4).Select(f => f.Replace("at ", "", StringComparison.Ordinal).Split(" in ")[0]));

    private static void Close(DatasetStore store, string where, List<string> failures)
    {
        try
        {
            store.Dispose();
        }
#pragma warning disable CA1031 // Closing must never throw; the test reports whatever it does throw.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failures.Add($"{where}: Dispose threw {ex.GetType().FullName}: {ex.Message}");
        }
    }

    /// <summary>Reads an undamaged copy of a store, for the cases to compare with.</summary>
    private DamageProbe ReadHealthy(StoreImage image)
    {
        var path = _directory.File("healthy-" + image.Name + ".litedb");
        StoreImage.WriteTo(path, image.Bytes, image.Journal);
        using var store = TestStores.Open(path, readOnly: true);
        var probe = new DamageProbe(store);
        probe.ReadEverything();
        probe.Verify(store.Verify);
        Assert.That(probe.Errors.Select(e => e.Call + ": " + e.Error.Message).Concat(probe.Report!.Problems.Select(p => p.Description)), Is.Empty, $"the '{image.Name}' store is healthy before it is damaged");
        return probe;
    }
}
