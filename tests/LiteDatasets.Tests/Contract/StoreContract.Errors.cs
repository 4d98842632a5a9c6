namespace LiteDatasets.Tests.Contract;

/// <summary>Every error code the store raises through its public API, each refusal writing nothing.</summary>
public sealed partial class StoreContract
{
    private static TestCaseData Call(string name, Action<IDatasetStore, string> call) => new TestCaseData(call).SetArgDisplayNames(name);

    /// <summary>Every call that names a dataset, given the dataset's id.</summary>
    private static IEnumerable<TestCaseData> CallsNamingADataset()
    {
        yield return Call("GetDataset(id, version)", (s, id) => s.GetDataset(id, 0));
        yield return Call("UpdateDataset", (s, id) => s.UpdateDataset(id, new DatasetUpdate { Description = "d" }));
        yield return Call("DeleteDataset", (s, id) => s.DeleteDataset(id));
        yield return Call("AddItem", (s, id) => s.AddItem(id, Draft("a")));
        yield return Call("AddItems", (s, id) => s.AddItems(id, [Draft("a")]));
        yield return Call("AddItems empty", (s, id) => s.AddItems(id, []));
        yield return Call("UpdateItem", (s, id) => s.UpdateItem(id, "item", new ItemPatch { Input = Node("1") }));
        yield return Call("DeleteItem", (s, id) => s.DeleteItem(id, "item"));
        yield return Call("DeleteItems", (s, id) => s.DeleteItems(id, ["item"]));
        yield return Call("UpsertItems", (s, id) => s.UpsertItems(id, [Draft("a", externalId: "k")]));
        yield return Call("UpsertItems sync", (s, id) => s.UpsertItems(id, [], UpsertMode.Sync));
        yield return Call("GetItem", (s, id) => s.GetItem(id, "item"));
        yield return Call("ListItems", (s, id) => s.ListItems(id));
        yield return Call("ReadItems", (s, id) => _ = s.ReadItems(id).ToList());
        yield return Call("GetItemHistory", (s, id) => s.GetItemHistory(id, "item"));
        yield return Call("ListVersions", (s, id) => s.ListVersions(id));
        yield return Call("GetVersion", (s, id) => s.GetVersion(id, 0));
        yield return Call("TagVersion", (s, id) => s.TagVersion(id, 0, "t"));
        yield return Call("MoveTag", (s, id) => s.MoveTag(id, "t", 0));
        yield return Call("DeleteTag", (s, id) => s.DeleteTag(id, "t"));
        yield return Call("ResolveVersion(tag)", (s, id) => s.ResolveVersion(id, "t"));
        yield return Call("ResolveVersion(asOf)", (s, id) => s.ResolveVersion(id, DateTimeOffset.MaxValue));
    }

    [TestCaseSource(nameof(CallsNamingADataset))]
    public void AnyCall_UnknownDataset_ThrowsDatasetNotFound(Action<IDatasetStore, string> call)
    {
        var other = NewDataset("other");
        Store.AddItem(other.Id, JsonDraft("\"a\"", id: "item", externalId: "k"));
        Store.TagVersion(other.Id, 0, "t");
        var before = StateOf(other.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => call(Store, "missing"), FailsWith(ErrorCode.DatasetNotFound));
            Assert.That(() => call(Store, other.Id.ToUpperInvariant() + "-x"), FailsWith(ErrorCode.DatasetNotFound));
            Assert.That(StateOf(other.Id), Is.EqualTo(before));
            Assert.That(Store.ListDatasets().Total, Is.EqualTo(1));
        });
    }

    [Test]
    public void CreateDataset_NameTakenInAnyCase_ThrowsDatasetNameTaken()
    {
        var ds = NewDataset("QA-Golden");
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateDataset(new DatasetDefinition("qa-golden")), FailsWith(ErrorCode.DatasetNameTaken));
            Assert.That(() => Store.CreateDataset(new DatasetDefinition("QA-Golden") { Id = "fresh-id" }), FailsWith(ErrorCode.DatasetNameTaken));
            Assert.That(Store.ListDatasets().Total, Is.EqualTo(1));
            Assert.That(Store.GetDataset("fresh-id"), Is.Null);
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [Test]
    public void UpdateDataset_RenameToAnotherDatasetsNameInAnyCase_ThrowsDatasetNameTaken()
    {
        NewDataset("taken");
        var ds = NewDataset("mine");

        AssertRefused(ds.Id, ErrorCode.DatasetNameTaken, () => Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = "TAKEN", Description = "also" }));
        AssertRefused(ds.Id, ErrorCode.DatasetNameTaken, () => Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = "Taken", InputSchema = Node("{}") }));
    }

    [Test]
    public void CreateDataset_IdTaken_ThrowsDatasetIdTaken()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("first") { Id = "ds-1" });
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateDataset(new DatasetDefinition("second") { Id = "ds-1" }), FailsWith(ErrorCode.DatasetIdTaken));
            Assert.That(Store.FindDataset("second"), Is.Null);
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [Test]
    public void UpdateItemAndDeleteItem_UnknownOrDeletedItem_ThrowItemNotFound()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 3).Items;
        Store.DeleteItem(ds.Id, items[2].Id);

        AssertRefused(ds.Id, ErrorCode.ItemNotFound, () => Store.UpdateItem(ds.Id, "no-such-item", new ItemPatch { Input = Node("1") }));
        AssertRefused(ds.Id, ErrorCode.ItemNotFound, () => Store.UpdateItem(ds.Id, items[2].Id, new ItemPatch { Input = Node("1") }));
        AssertRefused(ds.Id, ErrorCode.ItemNotFound, () => Store.UpdateItem(ds.Id, items[2].Id, new ItemPatch()));
        AssertRefused(ds.Id, ErrorCode.ItemNotFound, () => Store.DeleteItem(ds.Id, "no-such-item"));
        AssertRefused(ds.Id, ErrorCode.ItemNotFound, () => Store.DeleteItem(ds.Id, items[2].Id));
        AssertRefused(ds.Id, ErrorCode.ItemNotFound, () => Store.DeleteItem(ds.Id, items[0].Id.ToUpperInvariant()));
    }

    [Test]
    public void DeleteItems_OneIdUnknown_ThrowsItemNotFoundAndDeletesNone()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 3).Items;

        AssertRefused(ds.Id, ErrorCode.ItemNotFound, () => Store.DeleteItems(ds.Id, [items[0].Id, items[1].Id, "no-such-item"]));

        Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.EqualTo(3));
    }

    [Test]
    public void GetItemHistory_IdNeverUsed_ThrowsItemNotFound()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);

        Assert.That(() => Store.GetItemHistory(ds.Id, "no-such-item"), FailsWith(ErrorCode.ItemNotFound));
    }

    [Test]
    public void AddItems_IdOfLiveOrDeletedItem_ThrowsItemIdTaken()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [JsonDraft("1", id: "live"), JsonDraft("2", id: "deleted")]);
        Store.DeleteItem(ds.Id, "deleted");

        AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.AddItem(ds.Id, JsonDraft("3", id: "live")));
        AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.AddItem(ds.Id, JsonDraft("3", id: "deleted")));
        AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.AddItems(ds.Id, [JsonDraft("3", id: "fresh"), JsonDraft("4", id: "deleted")]));
        AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.AddItems(ds.Id, [JsonDraft("3", id: "twice"), JsonDraft("4", id: "twice")]));
    }

    [Test]
    public void UpsertItems_IdOnlyDraftNamingADeletedItem_ThrowsItemIdTaken()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [JsonDraft("1", id: "keep"), JsonDraft("2", id: "deleted")]);
        Store.DeleteItem(ds.Id, "deleted");

        AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.UpsertItems(ds.Id, [JsonDraft("5", externalId: "new"), JsonDraft("3", id: "deleted")]));
        AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.UpsertItems(ds.Id, [JsonDraft("3", externalId: "k", id: "deleted")]));
    }

    [Test]
    public void AddItems_ExternalIdOfALiveItem_ThrowsExternalIdTaken()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("a", externalId: "k"));

        AssertRefused(ds.Id, ErrorCode.ExternalIdTaken, () => Store.AddItem(ds.Id, Draft("b", externalId: "k")));
        AssertRefused(ds.Id, ErrorCode.ExternalIdTaken, () => Store.AddItems(ds.Id, [Draft("b", externalId: "new"), Draft("c", externalId: "k")]));
    }

    [Test]
    public void AddAndUpsert_ExternalIdRepeatedInOneCall_ThrowsExternalIdTaken()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("a", externalId: "existing"));

        AssertRefused(ds.Id, ErrorCode.ExternalIdTaken, () => Store.AddItems(ds.Id, [Draft("b", externalId: "dup"), Draft("c"), Draft("d", externalId: "dup")]));
        AssertRefused(ds.Id, ErrorCode.ExternalIdTaken, () => Store.UpsertItems(ds.Id, [Draft("b", externalId: "dup"), Draft("d", externalId: "dup")]));
        AssertRefused(ds.Id, ErrorCode.ExternalIdTaken, () => Store.UpsertItems(ds.Id, [Draft("b", externalId: "existing"), Draft("d", externalId: "existing")]));
        AssertRefused(ds.Id, ErrorCode.ExternalIdTaken, () => Store.UpsertItems(ds.Id, [Draft("b", externalId: "dup"), Draft("d", externalId: "dup")], UpsertMode.Sync));
    }

    private static TestCaseData VersionCall(string name, Action<IDatasetStore, string, long> call, long version) =>
        new TestCaseData(call, version).SetArgDisplayNames(name, version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every call that takes a version, paired with versions outside 0..2.</summary>
    private static IEnumerable<TestCaseData> CallsTakingAVersion()
    {
        foreach (var version in new[] { -1L, 3L, long.MinValue, long.MaxValue })
        {
            yield return VersionCall("GetItem", (s, id, v) => s.GetItem(id, "item", v), version);
            yield return VersionCall("ListItems", (s, id, v) => s.ListItems(id, new ItemQuery { Version = v }), version);
            yield return VersionCall("ListItems filtered", (s, id, v) => s.ListItems(id, new ItemQuery { Version = v, Search = "a" }), version);
            yield return VersionCall("ReadItems", (s, id, v) => _ = s.ReadItems(id, v).ToList(), version);
            yield return VersionCall("GetVersion", (s, id, v) => s.GetVersion(id, v), version);
            yield return VersionCall("GetDataset", (s, id, v) => s.GetDataset(id, v), version);
            yield return VersionCall("TagVersion", (s, id, v) => s.TagVersion(id, v, "new-tag"), version);
            yield return VersionCall("MoveTag", (s, id, v) => s.MoveTag(id, "t", v), version);
        }
    }

    [TestCaseSource(nameof(CallsTakingAVersion))]
    public void AnyCall_VersionOutsideZeroToCurrent_ThrowsVersionNotFound(Action<IDatasetStore, string, long> call, long version)
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, JsonDraft("\"a\"", id: "item"));
        Store.AddItem(ds.Id, Draft("b"));
        Store.TagVersion(ds.Id, 1, "t");

        AssertRefused(ds.Id, ErrorCode.VersionNotFound, () => call(Store, ds.Id, version));
    }

    [Test]
    public void TagCalls_UnknownTag_ThrowTagNotFound()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        Store.TagVersion(ds.Id, 1, "golden");

        AssertRefused(ds.Id, ErrorCode.TagNotFound, () => Store.ResolveVersion(ds.Id, "silver"));
        AssertRefused(ds.Id, ErrorCode.TagNotFound, () => Store.MoveTag(ds.Id, "silver", 0));
        AssertRefused(ds.Id, ErrorCode.TagNotFound, () => Store.DeleteTag(ds.Id, "silver"));
        AssertRefused(ds.Id, ErrorCode.TagNotFound, () => Store.ListItems(ds.Id, new ItemQuery { Tag = "silver" }));
        AssertRefused(ds.Id, ErrorCode.TagNotFound, () => Store.ResolveVersion(ds.Id, "GOLDEN"));
    }

    [Test]
    public void TagVersion_TagNamingAnotherVersion_ThrowsTagExists()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        AddNumbered(ds.Id, 1);
        Store.TagVersion(ds.Id, 1, "golden");

        AssertRefused(ds.Id, ErrorCode.TagExists, () => Store.TagVersion(ds.Id, 2, "golden"));
        AssertRefused(ds.Id, ErrorCode.TagExists, () => Store.TagVersion(ds.Id, 0, "golden"));

        Assert.That(Store.ResolveVersion(ds.Id, "golden"), Is.EqualTo(1));
    }
}
