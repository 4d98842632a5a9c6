using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Reliability;

/// <summary>
/// Concurrency stress: 8 writer threads make mixed writes (batch adds, updates, deletes, upserts) to two datasets
/// while 8 reader threads pin versions they have seen and read them again and again — through
/// <see cref="IDatasetStore.ReadItems"/> and through <see cref="IDatasetStore.ListItems"/> paging by cursor and by
/// offset. Every read of a version must give the same snapshot; afterwards every version must equal a replay of
/// the writers' commits in version order, the counts must equal the live sets and the store must verify.
/// The work is bounded by counts (commits per writer, rounds per reader), not by time.
/// </summary>
/// <remarks>
/// <c>LITEDATASETS_STRESS_SEED</c> replays the random choices of an earlier run (its seed is printed). The readers'
/// paged reads of older versions once left out the item added last when a chunk of the scan ended
/// between two of its revisions (reduced to <see cref="SnapshotReadTests"/>).
/// </remarks>
[TestFixture]
public sealed class StressTests
{
    private const int Writers = 8;
    private const int Readers = 8;
    private const int CommitsPerWriter = 25;
    private const int MaxReaderRounds = 400;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    public enum StoreKind
    {
        File,
        Memory,
    }

    [TestCase(StoreKind.File)]
    [TestCase(StoreKind.Memory)]
    public void Write_EightWritersAndEightReaders_PinnedSnapshotsNeverChangeAndEveryVersionMatchesTheCommits(StoreKind kind)
    {
        var seed = TestEnvironment.Seed("LITEDATASETS_STRESS_SEED");
        var context = $"seed {seed}, {kind} store";
        using var directory = new TempDirectory();
        var options = new DatasetStoreOptions { Path = directory.File("stress.litedb"), LockTimeout = Bound };
        using var store = kind == StoreKind.File ? DatasetStore.Open(options) : DatasetStore.OpenInMemory(options);
        var datasets = new[] { "left", "right" }.Select(name => store.CreateDataset(new DatasetDefinition(name)).Id).ToArray();

        var commits = new ConcurrentBag<CommitRecord>();
        var problems = new ConcurrentQueue<string>();
        var pinnedByReader = new ConcurrentBag<Dictionary<(string, long), string>>();
        var readerRounds = 0L;
        using var start = new Barrier(Writers + Readers);
        using var writersDone = new CountdownEvent(Writers);

        var writers = Enumerable.Range(0, Writers).Select(w => Run(() =>
        {
            try
            {
                start.SignalAndWait();
                new Writer(store, datasets[w % datasets.Length], w, new Random(seed + w), commits, problems).Run(CommitsPerWriter);
            }
            finally
            {
                writersDone.Signal();
            }
        }, w, "writer", problems));
        var readers = Enumerable.Range(0, Readers).Select(r => Run(() =>
        {
            var reader = new Reader(store, datasets, new Random(seed + 1000 + r), problems);
            start.SignalAndWait();
            var rounds = 0;
            while (!writersDone.IsSet && rounds < MaxReaderRounds)
            {
                reader.Round();
                rounds++;
            }

            // Once more, every version this reader pinned, now that the writers are done.
            reader.RereadAll();
            Interlocked.Add(ref readerRounds, rounds);
            pinnedByReader.Add(reader.Pinned);
        }, r, "reader", problems));

        var all = writers.Concat(readers).ToArray();
        Assert.That(Task.WaitAll(all, Bound), Is.True, $"{context}: writers and readers did not finish within {Bound.TotalSeconds} s.");
        Assert.That(problems, Is.Empty, context);
        TestContext.Out.WriteLine($"stress ({kind}): {commits.Count} commits, {Interlocked.Read(ref readerRounds)} reader rounds, {pinnedByReader.Sum(p => p.Count)} pinned snapshots, seed {seed}");

        CheckAfterRun(store, datasets, commits, pinnedByReader, readerRounds, context);
    }

    /// <summary>After the run: the store verifies, every dataset replays to its commits, and every pinned snapshot still reads the same.</summary>
    private static void CheckAfterRun(DatasetStore store, string[] datasets, ConcurrentBag<CommitRecord> commits, ConcurrentBag<Dictionary<(string, long), string>> pinnedByReader, long readerRounds, string context)
    {
        var report = store.Verify();
        Assert.That(report.Problems.Select(p => p.Description), Is.Empty, $"{context}: Verify");
        Assert.That(readerRounds, Is.GreaterThan(0), $"{context}: the readers ran while the writers did.");
        foreach (var id in datasets)
        {
            CheckAgainstReplay(store, id, commits.Where(c => c.DatasetId == id).OrderBy(c => c.Version).ToList(), $"{context}, dataset {id}");
        }

        // What the readers pinned while the writers ran is what the version holds now.
        foreach (var ((id, version), text) in pinnedByReader.SelectMany(p => p))
        {
            Assert.That(Snapshot(store, id, version), Is.EqualTo(text), $"{context}: {id} at {version} read differently after the run.");
        }
    }


    /// <summary>Replays the commits in version order and compares every version of the dataset with the replay.</summary>
    private static void CheckAgainstReplay(IDatasetStore store, string id, List<CommitRecord> commits, string context)
    {
        var total = (long)Writers / 2 * CommitsPerWriter;
        Assert.That(commits.Select(c => c.Version), Is.EqualTo(Enumerable.Range(1, (int)total).Select(v => (long)v)),
            $"{context}: the writers' commits used every version once.");
        var dataset = store.GetDataset(id)!;
        Assert.That(dataset.Version, Is.EqualTo(total), context);

        var live = new Dictionary<string, ItemState>(StringComparer.Ordinal);
        foreach (var commit in commits)
        {
            foreach (var (itemId, state) in commit.Changes)
            {
                if (state is null)
                {
                    live.Remove(itemId);
                }
                else
                {
                    live[itemId] = state with { Version = commit.Version };
                }
            }

            var expected = live.Values.Select(s => s.ToString()).Order(StringComparer.Ordinal).ToList();
            var actual = store.ReadItems(id, commit.Version).Select(ItemState.Of).Select(s => s.ToString()).Order(StringComparer.Ordinal).ToList();
            Assert.That(actual, Is.EqualTo(expected), $"{context}: version {commit.Version} differs from the replay of the commits.");
            Assert.That(store.GetVersion(id, commit.Version).ItemCount, Is.EqualTo(live.Count), $"{context}: the item count of version {commit.Version}.");
        }

        Assert.Multiple(() =>
        {
            Assert.That(dataset.ItemCount, Is.EqualTo(live.Count), $"{context}: the dataset's item count equals the live set.");
            Assert.That(store.ReadItems(id).Count(), Is.EqualTo(live.Count), $"{context}: the live items.");
            Assert.That(store.ListItems(id, new ItemQuery { PageSize = 1 }).Total, Is.EqualTo(live.Count), $"{context}: the total ListItems reports.");
        });
    }

    private static Task Run(Action body, int index, string role, ConcurrentQueue<string> problems) => Task.Factory.StartNew(() =>
    {
        try
        {
            body();
        }
        catch (Exception ex) when (ex is LiteDatasetsException or InvalidOperationException or ArgumentException or IOException)
        {
            problems.Enqueue($"{role} {index} failed: {ex}");
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>A snapshot as text: every item with all it carries, in first-added order.</summary>
    private static string Snapshot(IDatasetStore store, string id, long version) => string.Join("\n", store.ReadItems(id, version).Select(StoreDump.Item));

    /// <summary>One item's content as the replay knows it (timestamps aside); <see cref="Version"/> is where the content became current.</summary>
    private sealed record ItemState(string Id, string? ExternalId, string Input, string? Expected, string? Metadata, long Version)
    {
        public static ItemState Of(DatasetItem item) =>
            new(item.Id, item.ExternalId, item.Input.ToJsonString(), item.ExpectedOutput?.ToJsonString(), item.Metadata?.ToJsonString(), item.Version);

        public ItemDraft ToDraft(bool withId) => new(JsonNode.Parse(Input)!)
        {
            Id = withId ? Id : null,
            ExternalId = ExternalId,
            ExpectedOutput = Expected is null ? null : JsonNode.Parse(Expected),
            Metadata = Metadata is null ? null : JsonNode.Parse(Metadata)!.AsObject(),
        };
    }

    /// <summary>What one commit did: each item it put (with its new content) or removed (null).</summary>
    private sealed record CommitRecord(string DatasetId, long Version, IReadOnlyList<(string Id, ItemState? State)> Changes);

    /// <summary>One writer thread: writes only items it added itself, so that every call it makes must succeed.</summary>
    private sealed class Writer(IDatasetStore store, string datasetId, int index, Random random, ConcurrentBag<CommitRecord> commits, ConcurrentQueue<string> problems)
    {
        private readonly Dictionary<string, ItemState> _own = new(StringComparer.Ordinal);
        private int _next;

        public void Run(int count)
        {
            long previous = 0;
            for (var c = 0; c < count; c++)
            {
                var (commit, changes) = _own.Count < 3 ? Add() : random.Next(10) switch
                {
                    < 3 => Add(),
                    < 6 => Update(),
                    < 8 => Delete(),
                    _ => Upsert(),
                };
                var expected = (changes.Count(x => x.State is not null && !_own.ContainsKey(x.Id)), changes.Count(x => x.State is not null && _own.ContainsKey(x.Id)), changes.Count(x => x.State is null));
                if (!commit.Created || commit.Version <= previous || (commit.Added, commit.Updated, commit.Deleted) != expected)
                {
                    problems.Enqueue($"writer {index}: commit {commit.Version} (after {previous}) created={commit.Created} +{commit.Added} ~{commit.Updated} -{commit.Deleted}, expected {expected}");
                }

                previous = commit.Version;
                foreach (var (id, state) in changes)
                {
                    if (state is null)
                    {
                        _own.Remove(id);
                    }
                    else
                    {
                        _own[id] = state;
                    }
                }

                commits.Add(new CommitRecord(datasetId, commit.Version, changes));
            }
        }

        private (Commit Commit, List<(string Id, ItemState? State)> Changes) Add()
        {
            var items = Enumerable.Range(0, random.Next(1, 13)).Select(_ => NewState()).ToList();
            return (store.AddItems(datasetId, items.Select(s => s.ToDraft(withId: true))), items.Select(s => (s.Id, (ItemState?)s)).ToList());
        }

        private (Commit Commit, List<(string Id, ItemState? State)> Changes) Update()
        {
            var old = Pick(1)[0];
            var changed = NewState() with { Id = old.Id, ExternalId = old.ExternalId, Metadata = old.Metadata };
            var commit = store.UpdateItem(datasetId, old.Id, new ItemPatch
            {
                Input = JsonNode.Parse(changed.Input),
                ExpectedOutput = changed.Expected is null ? null : JsonNode.Parse(changed.Expected),
                ClearExpectedOutput = changed.Expected is null,
            });
            return (commit, [(old.Id, changed)]);
        }

        private (Commit Commit, List<(string Id, ItemState? State)> Changes) Delete()
        {
            var gone = Pick(random.Next(1, 4));
            return (store.DeleteItems(datasetId, gone.Select(s => s.Id)), gone.Select(s => (s.Id, (ItemState?)null)).ToList());
        }

        /// <summary>Some own items with an external id changed, some unchanged, some new.</summary>
        private (Commit Commit, List<(string Id, ItemState? State)> Changes) Upsert()
        {
            var keyed = _own.Values.Where(s => s.ExternalId is not null).OrderBy(_ => random.Next()).Take(random.Next(0, 5)).ToList();
            var changes = new List<(string Id, ItemState? State)>();
            var drafts = new List<ItemDraft>();
            foreach (var old in keyed)
            {
                if (random.Next(2) == 0)
                {
                    drafts.Add(old.ToDraft(withId: false));
                    continue;
                }

                var changed = NewState() with { Id = old.Id, ExternalId = old.ExternalId };
                drafts.Add(changed.ToDraft(withId: false));
                changes.Add((old.Id, changed));
            }

            foreach (var fresh in Enumerable.Range(0, random.Next(1, 4)).Select(_ => NewState()).Select(s => s with { ExternalId = "x-" + s.Id }))
            {
                drafts.Add(fresh.ToDraft(withId: true));
                changes.Add((fresh.Id, fresh));
            }

            return (store.UpsertItems(datasetId, drafts), changes);
        }

        private List<ItemState> Pick(int count) => _own.Values.OrderBy(_ => random.Next()).Take(count).ToList();

        private ItemState NewState()
        {
            var token = string.Create(CultureInfo.InvariantCulture, $"w{index}-{_next++}");
            var input = random.Next(3) switch
            {
                0 => $$"""{"q":"{{token}}","n":1.0,"big":9007199254740993}""",
                1 => $"\"{token}\"",
                _ => $"[\"{token}\",{{\"K\":1,\"k\":2}}]",
            };
            var expected = random.Next(2) == 0 ? null : $"\"answer {token}\"";
            var metadata = random.Next(2) == 0 ? null : $$"""{"writer":{{index}}}""";
            return new ItemState(token, random.Next(2) == 0 ? "x-" + token : null, Text(input), expected is null ? null : Text(expected), metadata is null ? null : Text(metadata), 0);
        }

        private static string Text(string json) => JsonNode.Parse(json)!.ToJsonString();
    }

    /// <summary>One reader thread: reads the current version both ways, pins it, and re-reads versions pinned before.</summary>
    private sealed class Reader(IDatasetStore store, string[] datasets, Random random, ConcurrentQueue<string> problems)
    {
        public Dictionary<(string, long), string> Pinned { get; } = [];

        public void Round()
        {
            var id = datasets[random.Next(datasets.Length)];
            var version = store.GetDataset(id)!.Version;
            Check(id, version, "at first read");

            if (Pinned.Count > 1)
            {
                var (oldId, oldVersion) = Pinned.Keys.ElementAt(random.Next(Pinned.Count));
                Check(oldId, oldVersion, "when read again during the writes");
            }
        }

        public void RereadAll()
        {
            foreach (var (id, version) in Pinned.Keys.ToList())
            {
                Check(id, version, "when read again after the writes");
            }
        }

        /// <summary>Reads a version by ReadItems and by ListItems pages, checks both agree with each other, its count and any earlier read.</summary>
        private void Check(string id, long version, string when)
        {
            var streamed = Snapshot(store, id, version);
            var pageSize = random.Next(5, 61);
            var byOffset = random.Next(4) == 0;
            var (paged, total, count) = Paged(id, version, pageSize, byOffset);
            var where = $"{id} at {version} {when}";
            if (paged != streamed)
            {
                var missing = streamed.Split('\n').Except(paged.Split('\n')).Select(l => l.Split(' ')[1]);
                var extra = paged.Split('\n').Except(streamed.Split('\n')).Select(l => l.Split(' ')[1]);
                var again = Paged(id, version, pageSize, byOffset).Text == streamed ? "a second paged read agreed" : "a second paged read differed too";
                problems.Enqueue($"{where}: ListItems pages ({pageSize} a page, by {(byOffset ? "offset" : "cursor")}) differ from ReadItems: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]; {again}");
            }

            var recorded = version == 0 ? 0 : store.GetVersion(id, version).ItemCount;
            if (total != count || recorded != count)
            {
                problems.Enqueue($"{where}: {count} items read, ListItems total {total}, version record {recorded}");
            }

            if (Pinned.TryGetValue((id, version), out var seen))
            {
                if (seen != streamed)
                {
                    problems.Enqueue($"{where}: the snapshot changed");
                }
            }
            else
            {
                Pinned[(id, version)] = streamed;
            }
        }

        /// <summary>Reads a version page by page, by cursor or (now and then) by offset, with a random page size.</summary>
        private (string Text, long Total, int Count) Paged(string id, long version, int pageSize, bool byOffset)
        {
            var items = new List<DatasetItem>();
            long total = -1;
            string? after = null;
            while (true)
            {
                var page = store.ListItems(id, byOffset
                    ? new ItemQuery { Version = version, PageSize = pageSize, Offset = items.Count }
                    : new ItemQuery { Version = after is null ? version : null, PageSize = pageSize, After = after });
                if (page.Version != version || (total >= 0 && page.Total != total))
                {
                    problems.Enqueue($"{id} at {version}: a page came from version {page.Version} with total {page.Total}");
                }

                total = page.Total;
                items.AddRange(page.Items);
                after = page.NextCursor;
                if (after is null || page.Items.Count == 0)
                {
                    return (string.Join("\n", items.Select(StoreDump.Item)), total, items.Count);
                }
            }
        }
    }
}
