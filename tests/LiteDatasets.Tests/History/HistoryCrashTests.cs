using System.Globalization;
using LiteDatasets.Tests.Model;

namespace LiteDatasets.Tests.History;

/// <summary>
/// A copy killed at any point leaves the target with a prefix of the history — no dataset, or the dataset with
/// versions 1 to k alike, k at least the versions the copier saw committed — that verifies clean and that the next
/// copy completes.
/// </summary>
public sealed class HistoryCrashTests
{
    [Test]
    public void Copy_KilledAfterSomeVersions_LeavesAPrefixTheNextCopyCompletes()
    {
        using var directory = new TempDirectory();
        var sourcePath = directory.File("source.litedb");
        var (datasetId, versions) = BuildSource(sourcePath);
        var killPoints = new long[] { 0, 1, 2, versions / 2, versions - 1 };
        foreach (var killAfter in killPoints)
        {
            var targetPath = directory.File($"target-{killAfter}.litedb");
            var seen = CopyAndKill(sourcePath, targetPath, killAfter);
            var context = string.Create(CultureInfo.InvariantCulture, $"killed after version {killAfter} was reported ({seen} reported)");

            using var source = DatasetStore.Open(new DatasetStoreOptions { Path = sourcePath, ReadOnly = true });
            using var target = DatasetStore.Open(targetPath);
            var kept = target.GetDataset(datasetId)?.Version ?? 0;
            Assert.That(kept, Is.GreaterThanOrEqualTo(seen), context);
            for (long n = 1; n <= kept; n++)
            {
                Assert.That(target.GetVersion(datasetId, n).Fingerprint, Is.EqualTo(source.GetVersion(datasetId, n).Fingerprint), $"{context}: version {n}");
            }

            Assert.That(target.Verify().Problems, Is.Empty, context);
            var rest = DatasetHistory.Copy(source, target, datasetId);
            Assert.That((rest.FromVersion, rest.ToVersion), Is.EqualTo((kept, versions)), context);
            Assert.That(StoreDump.OfDataset(target, datasetId), Is.EqualTo(StoreDump.OfDataset(source, datasetId)), context);
        }
    }

    /// <summary>Runs a copy in a child process and kills it once it reports <paramref name="killAfter"/> (0: once it is ready); returns the last version it reported.</summary>
    private static long CopyAndKill(string sourcePath, string targetPath, long killAfter)
    {
        using var child = TestHostProcess.Start("history-copy", sourcePath, targetPath, "model");
        long seen = 0;
        var reached = false;
        while (!reached && child.ReadLine() is { } line)
        {
            if (line.StartsWith("committed ", StringComparison.Ordinal))
            {
                seen = long.Parse(line["committed ".Length..], CultureInfo.InvariantCulture);
            }

            Assert.That(line, Does.StartWith("ready").Or.StartWith("committed "), "the copier fails before the kill");
            reached = seen >= killAfter;
        }

        child.Kill();
        while (child.ReadLine() is { } line)
        {
            if (line.StartsWith("committed ", StringComparison.Ordinal))
            {
                seen = long.Parse(line["committed ".Length..], CultureInfo.InvariantCulture);
            }
        }

        return seen;
    }

    private static (string DatasetId, long Versions) BuildSource(string path)
    {
        var clock = new FakeClock();
        using var store = DatasetStore.Open(new DatasetStoreOptions { Path = path, TimeProvider = clock, Durable = false });
        var driver = new SnapshotDriver(store, clock, new Random(4), "crash source");
        driver.Run(80);
        store.TagVersion(driver.DatasetId, 2, "early");
        return (driver.DatasetId, store.GetDataset(driver.DatasetId)!.Version);
    }
}
