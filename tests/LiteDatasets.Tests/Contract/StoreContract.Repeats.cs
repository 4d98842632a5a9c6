using System.Globalization;

namespace LiteDatasets.Tests.Contract;

/// <summary>
/// Keys repeated within one call, found wherever the two drafts fall: in the same batch of pending changes or
/// thousands of drafts apart, after the first one's row has been written into the transaction.
/// </summary>
public sealed partial class StoreContract
{
    /// <summary>More drafts than one write keeps pending, so that the first of a far repeat has been written out.</summary>
    private const int Far = 4_500;

    private static IEnumerable<ItemDraft> Filler(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => Draft("filler-" + i.ToString(CultureInfo.InvariantCulture)));

    private static IEnumerable<TestCaseData> RepeatedKeys()
    {
        foreach (var gap in new[] { 1, Far })
        {
            var distance = gap == 1 ? "adjacent" : "far apart";
            yield return new TestCaseData(ImportMode.Append, new ItemDraft[] { Draft("a", externalId: "dup"), Draft("b", externalId: "dup") }, gap, ErrorCode.ExternalIdTaken, "with external id 'dup'")
                .SetArgDisplayNames("append, external id", distance);
            yield return new TestCaseData(ImportMode.Append, new[] { JsonDraft("1", id: "dup"), JsonDraft("2", id: "dup") }, gap, ErrorCode.ItemIdTaken, "with id 'dup'")
                .SetArgDisplayNames("append, id", distance);
            yield return new TestCaseData(ImportMode.Upsert, new ItemDraft[] { Draft("a", externalId: "dup"), Draft("b", externalId: "dup") }, gap, ErrorCode.ExternalIdTaken, "with external id 'dup'")
                .SetArgDisplayNames("upsert, new external id", distance);
            yield return new TestCaseData(ImportMode.Upsert, new ItemDraft[] { Draft("same", externalId: "live"), Draft("other", externalId: "live") }, gap, ErrorCode.ExternalIdTaken, "with external id 'live'")
                .SetArgDisplayNames("upsert, unchanged live external id", distance);
            yield return new TestCaseData(ImportMode.Upsert, new[] { JsonDraft("3", id: "dup"), JsonDraft("4", id: "dup") }, gap, ErrorCode.ItemIdTaken, "with id 'dup'")
                .SetArgDisplayNames("upsert, new id", distance);
            yield return new TestCaseData(ImportMode.Sync, new ItemDraft[] { Draft("changed", externalId: "live"), Draft("again", externalId: "live") }, gap, ErrorCode.ExternalIdTaken, "with external id 'live'")
                .SetArgDisplayNames("sync, changed live external id", distance);
        }
    }

    [TestCaseSource(nameof(RepeatedKeys))]
    public void ImportItems_KeyRepeatedInTheInput_IsRefusedNamingBothDraftsAndWritesNothing(ImportMode mode, ItemDraft[] pair, int gap, ErrorCode code, string message)
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("same", externalId: "live"));
        var between = mode == ImportMode.Sync
            ? Enumerable.Range(0, gap - 1).Select(i => Draft("x", externalId: "sync-" + i.ToString(CultureInfo.InvariantCulture)))
            : Filler(gap - 1);
        var drafts = new[] { pair[0] }.Concat(between).Append(pair[1]);

        var error = AssertRefused(ds.Id, code, () => Store.ImportItems(ds.Id, drafts, mode));

        Assert.That(error.Message, Does.Contain(message).And.Contain(string.Create(CultureInfo.InvariantCulture, $"Drafts 0 and {gap} ")));
    }

    [Test]
    public void ImportItems_IdOfAnItemAnotherDraftMatchedByExternalId_IsARepeatEvenFarApart()
    {
        var ds = NewDataset();
        var live = Store.AddItem(ds.Id, Draft("a", externalId: "k")).Items[0];
        var drafts = new[] { Draft("changed", externalId: "k") }.Concat(Filler(Far)).Append(JsonDraft("\"again\"", id: live.Id));

        var error = AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.ImportItems(ds.Id, drafts, ImportMode.Upsert));

        Assert.That(error.Message, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"Drafts 0 and {Far + 1} ")));
    }

    [Test]
    public void UpsertItems_ExternalIdOfAnItemAnEarlierDraftMatchedById_IsARepeatOfThatItem()
    {
        var ds = NewDataset();
        var live = Store.AddItem(ds.Id, Draft("a", externalId: "k")).Items[0];

        var error = AssertRefused(ds.Id, ErrorCode.ExternalIdTaken, () => Store.UpsertItems(ds.Id, [JsonDraft("\"by id\"", id: live.Id), Draft("by key", externalId: "k")]));

        Assert.That(error.Message, Does.Contain("Drafts 0 and 1 of one call both name the item with external id 'k'"));
    }

    [Test]
    public void ImportItems_UsedIdsAndExternalIds_AreTakenNotRepeats()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [JsonDraft("1", id: "gone"), Draft("b", externalId: "live")]);
        Store.DeleteItem(ds.Id, "gone");

        var deletedId = AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.ImportItems(ds.Id, Filler(Far).Append(JsonDraft("2", id: "gone"))));
        var liveKey = AssertRefused(ds.Id, ErrorCode.ExternalIdTaken, () => Store.ImportItems(ds.Id, Filler(Far).Append(Draft("c", externalId: "live"))));

        Assert.Multiple(() =>
        {
            Assert.That(deletedId.Message, Does.Contain("already used the item id 'gone'"));
            Assert.That(liveKey.Message, Does.Contain("already used by a live item"));
        });
    }

    [TestCase(ImportMode.Append)]
    [TestCase(ImportMode.Upsert)]
    [TestCase(ImportMode.Sync)]
    public void ImportItems_EnumerationThatThrowsAfterMoreThanOneBatch_WritesNothing(ImportMode mode)
    {
        var ds = NewDataset();
        Store.ImportItems(ds.Id, [Draft("kept", externalId: "live")]);

        IEnumerable<ItemDraft> Failing()
        {
            foreach (var i in Enumerable.Range(0, Far))
            {
                yield return Draft("new", externalId: "k" + i.ToString(CultureInfo.InvariantCulture));
            }

            throw new InvalidOperationException("the source broke");
        }

        var before = StateOf(ds.Id);
        var error = Assert.Throws<InvalidOperationException>(() => Store.ImportItems(ds.Id, Failing(), mode));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Is.EqualTo("the source broke"));
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
            Assert.That(Store.AddItem(ds.Id, Draft("still writable")).Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void ImportItems_SyncOfMoreItemsThanOneBatch_DeletesExactlyTheUnmatchedOnes()
    {
        var ds = NewDataset();
        static string Key(int i) => "k" + i.ToString(CultureInfo.InvariantCulture);
        Store.ImportItems(ds.Id, Enumerable.Range(0, 6_000).Select(i => Draft("v1", externalId: Key(i))));
        var kept = Enumerable.Range(0, 6_000).Where(i => i % 3 != 0).ToList();

        var result = Store.ImportItems(ds.Id, kept.Select(i => Draft(i % 2 == 0 ? "v2" : "v1", externalId: Key(i))), ImportMode.Sync);

        Assert.Multiple(() =>
        {
            Assert.That((result.Read, result.Added, result.Updated, result.Deleted, result.Unchanged), Is.EqualTo((4_000, 0, 2_000, 2_000, 2_000)));
            Assert.That(Store.ReadItems(ds.Id).Select(i => i.ExternalId), Is.EqualTo(kept.Select(Key)));
            Assert.That(Store.ComputeFingerprint(ds.Id), Is.EqualTo(Store.GetVersion(ds.Id, result.Version).Fingerprint));
        });
    }
}
