using System.Globalization;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

public sealed partial class CrashTests
{
    /// <summary>
    /// Checks the file a killed child left: it opens, verifies with no problem, holds every commit the child
    /// reported with exactly its content, and is at the last reported version or, if a call was in flight, possibly
    /// one more, which must then hold exactly what that call was to commit.
    /// </summary>
    private static void CheckAfterKill(CrashFile file, KillPlan plan, List<CrashLine> lines, string context, Tally tally)
    {
        context += Tail(lines);
        CheckOpenLine(file, lines, context, tally);

        var commits = lines.Where(l => l.Kind == CrashLine.Commit).ToList();
        var expectedVersions = Enumerable.Range(1, commits.Count).Select(i => file.Current + i);
        Assert.That(commits.Select(c => c.Version), Is.EqualTo(expectedVersions), $"{context}\nThe writer's commits do not follow the file's version.");
        var lastBegin = lines.FindLastIndex(l => l.Kind == CrashLine.Begin);
        var inFlight = lastBegin > lines.FindLastIndex(l => l.Kind == CrashLine.Commit) ? lines[lastBegin] : null;
        if (inFlight is not null)
        {
            tally.KillsInFlight++;
            tally.KillsInBatch += inFlight.Size > 1 ? 1 : 0;
            tally.KillsInLargeBatch += inFlight.Size >= LargeBatch ? 1 : 0;
        }

        var lastReported = commits.Count > 0 ? commits[^1].Version : file.Current;
        var checkPath = file.Path;
        if (!plan.CheckInPlace)
        {
            checkPath = file.CopyForCheck();
            tally.CopyChecks++;
        }

        using (var store = OpenAfterCrash(checkPath, context))
        {
            AssertHealthy(store, context);
            var dataset = store.GetDataset(file.DatasetId);
            Assert.That(dataset, Is.Not.Null, $"{context}\nThe dataset is gone.");
            var current = dataset!.Version;
            var allowed = inFlight is null ? $"{lastReported}" : $"{lastReported} or {lastReported + 1}";
            Assert.That(current == lastReported || (inFlight is not null && current == lastReported + 1), Is.True,
                $"{context}\nThe file is at version {current}; the writer's commits allow only {allowed}.");

            foreach (var commit in commits)
            {
                var reported = new Reported(commit.Count, commit.Fingerprint, commit.Digest);
                CheckVersion(store, file.DatasetId, commit.Version, reported, $"{context}\nReported commit {commit.Version}:");
                file.Versions[commit.Version] = reported;
                tally.CommitsChecked++;
            }

            CheckInFlight(store, file, inFlight, lastReported, current, context, tally);

            CheckCurrent(store, file, current, context, tally);
        }

        if (!plan.CheckInPlace)
        {
            file.DeleteCheckCopy();
        }
    }

    /// <summary>Checks that the writer opened the file at the state the test found after the previous kill (if it got as far as opening).</summary>
    private static void CheckOpenLine(CrashFile file, List<CrashLine> lines, string context, Tally tally)
    {
        var open = lines.FirstOrDefault(l => l.Kind == CrashLine.Open);
        if (open is null)
        {
            tally.KillsBeforeOpen++;
        }
        else
        {
            // What the child found on opening (after recovering the file itself, when the test checked a copy) is
            // what the test found after the previous kill.
            var known = file.Versions[file.Current];
            Assert.That((open.Version, open.Count, open.Fingerprint, open.Digest), Is.EqualTo((file.Current, known.Count, known.Fingerprint, known.Digest)),
                $"{context}\nThe writer opened the file at another state than the test found it in.");
        }
    }

    /// <summary>Checks the call that was in flight at the kill, if any: committed whole, or not at all.</summary>
    private static void CheckInFlight(DatasetStore store, CrashFile file, CrashLine? inFlight, long lastReported, long current, string context, Tally tally)
    {
        if (inFlight is not null && current == lastReported + 1)
        {
            // The call in flight was committed whole: exactly the content it was to commit.
            var found = new Reported(inFlight.Count, store.GetVersion(file.DatasetId, current).Fingerprint, inFlight.Digest);
            CheckVersion(store, file.DatasetId, current, found, $"{context}\nThe in-flight commit {current} ({inFlight.Op} of {inFlight.Size}):");
            file.Versions[current] = found;
            tally.CommitsChecked++;
            tally.InFlightKept++;
        }
        else if (inFlight is not null)
        {
            tally.InFlightDropped++;
            Assert.That(TestStores.CodeOf(() => store.GetVersion(file.DatasetId, current + 1)), Is.EqualTo(ErrorCode.VersionNotFound),
                $"{context}\nNo version beyond {current} may exist.");
        }
    }

    /// <summary>Opens the file the last trial on it left (recovering it, when only copies were checked) and checks every version ever reported.</summary>
    private static void CheckClosedFile(CrashFile file, string context, Tally tally)
    {
        using var store = OpenAfterCrash(file.Path, context);
        AssertHealthy(store, context);
        var current = store.GetDataset(file.DatasetId)!.Version;
        Assert.That(current, Is.EqualTo(file.Current), $"{context}: the file is at another version than its last check found.");
        CheckCurrent(store, file, current, context, tally);
        CheckVersion(store, file.DatasetId, current, file.Versions[current], $"{context}: the current version");
    }

    /// <summary>Checks the current state and every version record reported before, and remembers the current version.</summary>
    private static void CheckCurrent(DatasetStore store, CrashFile file, long current, string context, Tally tally)
    {
        var dataset = store.GetDataset(file.DatasetId)!;
        var known = file.Versions[current];
        var live = store.ReadItems(file.DatasetId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(dataset.ItemCount, Is.EqualTo(known.Count), $"{context}\nThe dataset's item count.");
            Assert.That(live, Has.Count.EqualTo(known.Count), $"{context}\nThe live items.");
            Assert.That(SnapshotDigest.ToHex(SnapshotDigest.Of(live)), Is.EqualTo(known.Digest), $"{context}\nThe live items' content.");
        });

        // Versions above the current one were never reported (an in-flight commit that did not survive).
        foreach (var (number, reported) in file.Versions.Where(v => v.Key <= current))
        {
            var version = store.GetVersion(file.DatasetId, number);
            Assert.That((version.ItemCount, version.Fingerprint), Is.EqualTo((reported.Count, reported.Fingerprint)),
                $"{context}\nVersion {number}, reported earlier, changed.");
            tally.VersionsRechecked++;
        }

        foreach (var stale in file.Versions.Keys.Where(v => v > current).ToList())
        {
            Assert.Fail($"{context}\nVersion {stale} was reported committed, but the file is at {current}.");
        }

        file.Current = current;
    }

    /// <summary>Checks one version in full: its record, a recomputation of its fingerprint, and its items against the writer's digest.</summary>
    private static void CheckVersion(DatasetStore store, string datasetId, long number, Reported reported, string context)
    {
        var version = store.GetVersion(datasetId, number);
        var items = store.ReadItems(datasetId, number).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(version.Fingerprint, Is.EqualTo(reported.Fingerprint), $"{context} the fingerprint of its version record.");
            Assert.That(version.ItemCount, Is.EqualTo(reported.Count), $"{context} the item count of its version record.");
            Assert.That(store.ComputeFingerprint(datasetId, number), Is.EqualTo(reported.Fingerprint), $"{context} the fingerprint recomputed from its items.");
            Assert.That(items, Has.Count.EqualTo(reported.Count), $"{context} the items read at it.");
            Assert.That(SnapshotDigest.ToHex(SnapshotDigest.Of(items)), Is.EqualTo(reported.Digest), $"{context} the content of the items read at it.");
        });
    }

    internal static DatasetStore OpenAfterCrash(string path, string context)
    {
        try
        {
            return TestStores.Open(path);
        }
        catch (Exception ex) when (ex is LiteDatasetsException or IOException or InvalidOperationException or ArgumentException)
        {
            Assert.Fail($"{context}\nThe file did not open after the kill: {ex}");
            throw;
        }
    }

    internal static void AssertHealthy(DatasetStore store, string context)
    {
        var report = store.Verify();
        Assert.That(report.Problems.Select(p => p.DatasetId + ": " + p.Description), Is.Empty, $"{context}\nVerify found problems.");
    }

    /// <summary>What a commit must hold: its item count, the store's fingerprint, and the writer's digest of its items.</summary>
    private sealed record Reported(long Count, string Fingerprint, string Digest);

    /// <summary>One store file that several trials share, with every version reported on it so far.</summary>
    private sealed class CrashFile
    {
        private readonly string _directory;
        private readonly string _checkDirectory;

        private CrashFile(string directory, int number, string datasetId, Reported empty)
        {
            _directory = directory;
            _checkDirectory = directory + "-check";
            Number = number;
            DatasetId = datasetId;
            Versions[0] = empty;
        }

        public int Number { get; }

        public string Path => System.IO.Path.Combine(_directory, "crash.litedb");

        public string DatasetId { get; }

        /// <summary>Gets the version the file was found at by its last check.</summary>
        public long Current { get; set; }

        /// <summary>Gets every version reported (or found whole after a kill) so far.</summary>
        public Dictionary<long, Reported> Versions { get; } = [];

        public static CrashFile Create(TempDirectory root, int number)
        {
            var directory = root.File("file-" + number.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            using var store = TestStores.Open(System.IO.Path.Combine(directory, "crash.litedb"));
            var dataset = store.CreateDataset(new DatasetDefinition(CrashWriterDataset));
            var empty = new Reported(0, store.GetVersion(dataset.Id, 0).Fingerprint, SnapshotDigest.ToHex(SnapshotDigest.Empty));
            return new CrashFile(directory, number, dataset.Id, empty);
        }

        /// <summary>Copies the file and every side file beside it, as the kill left them, and returns the copy's path.</summary>
        public string CopyForCheck()
        {
            Directory.CreateDirectory(_checkDirectory);
            foreach (var source in Directory.GetFiles(_directory))
            {
                File.Copy(source, System.IO.Path.Combine(_checkDirectory, System.IO.Path.GetFileName(source)), overwrite: true);
            }

            return System.IO.Path.Combine(_checkDirectory, "crash.litedb");
        }

        public void DeleteCheckCopy() => Directory.Delete(_checkDirectory, recursive: true);
    }

    /// <summary>The name of the dataset the crash writer works on.</summary>
    private const string CrashWriterDataset = "crash";
}
