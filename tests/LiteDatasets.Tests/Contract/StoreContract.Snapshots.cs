namespace LiteDatasets.Tests.Contract;

/// <summary>Every version of a dataset with a long, mixed history reads back exactly as it was committed.</summary>
public sealed partial class StoreContract
{
    /// <summary>Builds a history of adds, updates and deletes, and returns what each version must hold ("key=value" in first-added order).</summary>
    private List<string[]> WriteMixedHistory(string datasetId, int rounds)
    {
        var order = new List<string>();
        var content = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var snapshots = new List<string[]> { Array.Empty<string>() };
        var next = 0;

        void Record() => snapshots.Add([.. order.Where(content.ContainsKey).Select(k => k + "=" + content[k])]);

        ItemDraft Put(string key, string value)
        {
            content[key] = value;
            return Draft(value, externalId: key);
        }

        void Upsert(List<ItemDraft> drafts)
        {
            foreach (var item in Store.UpsertItems(datasetId, drafts).Items)
            {
                ids[item.ExternalId!] = item.Id;
            }

            Record();
        }

        string NewKey()
        {
            var key = FormattableString.Invariant($"k{next++}");
            order.Add(key);
            return key;
        }

        Upsert([.. Enumerable.Range(0, 30).Select(_ => NewKey()).Select(k => Put(k, k))]);
        for (var round = 0; round < rounds; round++)
        {
            var live = order.Where(content.ContainsKey).ToList();
            var drafts = live.Where((_, i) => (i + round) % 3 == 0).Select(k => Put(k, FormattableString.Invariant($"{k}-r{round}"))).ToList();
            drafts.AddRange(Enumerable.Range(0, 3).Select(_ => NewKey()).Select(k => Put(k, k)));
            Upsert(drafts);

            var doomed = order.Where(content.ContainsKey).Where((_, i) => ((i * 7) + round) % 5 == 0).ToList();
            Store.DeleteItems(datasetId, doomed.Select(k => ids[k]));
            doomed.ForEach(k => content.Remove(k));
            Record();
        }

        return snapshots;
    }

    private static string Entry(DatasetItem item) => item.ExternalId + "=" + item.Input.GetValue<string>();

    [Test]
    public void Reads_AtEveryVersionOfAMixedHistory_ReturnWhatThatVersionHeld()
    {
        var ds = NewDataset();
        var expected = WriteMixedHistory(ds.Id, rounds: 8);

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(expected.Count - 1));
            for (var version = 0L; version < expected.Count; version++)
            {
                var want = expected[(int)version];
                var pages = AllPages(ds.Id, new ItemQuery { Version = version, PageSize = 7 });
                Assert.That(Store.ReadItems(ds.Id, version).Select(Entry), Is.EqualTo(want), $"ReadItems at {version}");
                Assert.That(pages.SelectMany(p => p.Items).Select(Entry), Is.EqualTo(want), $"ListItems pages at {version}");
                Assert.That(pages.Select(p => p.Total), Is.All.EqualTo(want.Length), $"Total at {version}");
                Assert.That(Store.ListItems(ds.Id, new ItemQuery { Version = version, Offset = want.Length / 2, PageSize = 1000 }).Items.Select(Entry), Is.EqualTo(want.Skip(want.Length / 2)), $"offset page at {version}");
                Assert.That(Store.GetVersion(ds.Id, version).ItemCount, Is.EqualTo(want.Length), $"GetVersion({version}).ItemCount");
                Assert.That(Store.GetDataset(ds.Id, version).ItemCount, Is.EqualTo(want.Length), $"GetDataset(id, {version}).ItemCount");
            }
        });
    }

    [Test]
    public void GetItem_AtEveryVersionOfAMixedHistory_ReturnsThatVersionsContentOrNull()
    {
        var ds = NewDataset();
        var expected = WriteMixedHistory(ds.Id, rounds: 5);
        var everItem = Enumerable.Range(0, expected.Count).SelectMany(v => Store.ReadItems(ds.Id, v)).DistinctBy(i => i.Id).ToList();

        Assert.Multiple(() =>
        {
            for (var version = 0; version < expected.Count; version++)
            {
                var want = expected[version].ToDictionary(e => e.Split('=')[0], StringComparer.Ordinal);
                foreach (var item in everItem)
                {
                    var got = Store.GetItem(ds.Id, item.Id, version);
                    Assert.That(got is null ? null : Entry(got), Is.EqualTo(want.GetValueOrDefault(item.ExternalId!)), $"item {item.ExternalId} at {version}");
                }
            }
        });
    }

    [Test]
    public void ReadItems_OldVersionOfALargeDataset_StreamsAcrossChunksInOrder()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 1300).Items;
        for (var round = 0; round < 3; round++)
        {
            var changed = items.Where((_, i) => (i + round) % 2 == 0).Select(i => i.Id).ToList();
            foreach (var id in changed.Take(5))
            {
                Store.UpdateItem(ds.Id, id, new ItemPatch { Input = Node(FormattableString.Invariant($"\"r{round}\"")) });
            }

            Store.DeleteItems(ds.Id, items.Skip(400 + (round * 100)).Take(150).Select(i => i.Id).Where(id => Store.GetItem(ds.Id, id) is not null));
        }

        Assert.Multiple(() =>
        {
            Assert.That(Inputs(Store.ReadItems(ds.Id, 1)), Is.EqualTo(Inputs(items)));
            for (var version = 2L; version <= Store.GetDataset(ds.Id)!.Version; version++)
            {
                var streamed = Store.ReadItems(ds.Id, version).Select(Describe).ToList();
                var paged = AllPages(ds.Id, new ItemQuery { Version = version, PageSize = 333 }).SelectMany(p => p.Items).Select(Describe).ToList();
                Assert.That(streamed, Is.EqualTo(paged), $"version {version}");
                Assert.That(streamed, Has.Count.EqualTo(Store.GetVersion(ds.Id, version).ItemCount), $"count at {version}");
            }
        });
    }
}
