using System.Globalization;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests;

/// <summary>
/// Several writer processes (the test host's <c>shared-writer</c> or <c>pg-writer</c>) adding items to one dataset
/// at once, each commit on its own: starts them together, collects the version each was given, and checks the
/// outcome every engine must give — versions gap-free, every commit kept at the version its writer was told.
/// </summary>
public sealed class WriterRace
{
    private readonly Dictionary<string, List<long>> _versions = [];

    private WriterRace(int commitsEach) => CommitsEach = commitsEach;

    /// <summary>Gets how many commits each writer makes.</summary>
    public int CommitsEach { get; }

    /// <summary>Gets the commits all writers made.</summary>
    public int Total => _versions.Values.Sum(v => v.Count);

    /// <summary>
    /// Starts one child per label with <paramref name="arguments"/> (the label is passed as the child's last
    /// positional argument, see the test host), lets them all go at once, runs <paramref name="whileTheyWrite"/>,
    /// and waits for every child to finish.
    /// </summary>
    public static WriterRace Run(int writers, int commitsEach, Func<string, string[]> arguments, Action? whileTheyWrite = null)
    {
        var race = new WriterRace(commitsEach);
        var labels = Enumerable.Range(0, writers).Select(w => "p" + w.ToString(CultureInfo.InvariantCulture)).ToArray();
        var children = labels.Select(label => TestHostProcess.Start(arguments(label))).ToList();
        try
        {
            foreach (var child in children)
            {
                Assert.That(child.ReadLine(), Is.EqualTo("ready"), "Each writer opened the store.");
            }

            foreach (var child in children)
            {
                child.WriteLine("go");
            }

            whileTheyWrite?.Invoke();
            for (var w = 0; w < writers; w++)
            {
                race._versions[labels[w]] = race.ReadCommits(children[w], labels[w]);
                Assert.That(children[w].WaitForExit(), Is.EqualTo(ExitCodes.Ok), labels[w]);
            }
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }

        return race;
    }

    /// <summary>Checks that the dataset holds exactly the writers' commits, one version each, in the order each writer saw.</summary>
    public void AssertEveryCommitKept(IDatasetStore store, string datasetId, Func<VerifyReport> verify)
    {
        var total = Total;
        var dataset = store.GetDataset(datasetId)!;
        var items = store.ReadItems(datasetId).ToList();
        var history = StoreDump.AllVersions(store, datasetId);
        Assert.Multiple(() =>
        {
            Assert.That(_versions.Values.SelectMany(v => v).Order(), Is.EqualTo(Enumerable.Range(1, total).Select(v => (long)v)),
                "The writers' commits got every version from 1 to the last exactly once.");
            foreach (var (label, own) in _versions)
            {
                Assert.That(own, Is.Ordered.Ascending, label + " saw its own commits in order.");
            }

            Assert.That(dataset.Version, Is.EqualTo(total));
            Assert.That(dataset.ItemCount, Is.EqualTo(total));
            Assert.That(history.Select(v => v.Number), Is.EqualTo(Enumerable.Range(1, total).Select(v => (long)v).Reverse()));
            Assert.That(history.Select(v => (v.Added, v.Updated, v.Deleted, v.ItemCount)),
                Is.EqualTo(Enumerable.Range(1, total).Reverse().Select(n => (1, 0, 0, (long)n))), "Each version added exactly one item.");

            // Every item is there, at the version its writer was told.
            var expected = _versions.SelectMany(pair => pair.Value.Select((version, i) => (Key: $"{pair.Key}-{i}", Version: version)))
                .OrderBy(e => e.Key, StringComparer.Ordinal);
            var found = items.Select(i => (Key: i.Input.GetValue<string>(), i.Version)).OrderBy(e => e.Key, StringComparer.Ordinal);
            Assert.That(found, Is.EqualTo(expected));
            Assert.That(items.Select(i => i.ExternalId), Is.EqualTo(items.Select(i => i.Input.GetValue<string>())));
            Assert.That(verify().Problems, Is.Empty);
        });
    }

    /// <summary>Reads a writer's "committed &lt;version&gt;" lines up to "done".</summary>
    private List<long> ReadCommits(TestHostProcess child, string label)
    {
        var versions = new List<long>();
        while (child.ReadLine() is { } line && line != "done")
        {
            Assert.That(line, Does.StartWith("committed "), $"{label} reported a problem.");
            versions.Add(long.Parse(line["committed ".Length..], CultureInfo.InvariantCulture));
        }

        Assert.That(versions, Has.Count.EqualTo(CommitsEach), $"{label} made every commit.");
        return versions;
    }
}
