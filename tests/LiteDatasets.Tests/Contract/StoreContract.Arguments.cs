using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Malformed arguments are standard argument exceptions and write nothing; a disposed store refuses every call.</summary>
public sealed partial class StoreContract
{
    /// <summary>Names, ids and tags the store must refuse (besides null).</summary>
    private static IEnumerable<TestCaseData> MalformedNames()
    {
        yield return new TestCaseData("").SetArgDisplayNames("empty");
        yield return new TestCaseData(new string('n', 257)).SetArgDisplayNames("257 characters");
        yield return new TestCaseData("line\nbreak").SetArgDisplayNames("newline");
        yield return new TestCaseData("tab\there").SetArgDisplayNames("tab");
        yield return new TestCaseData("nul\0").SetArgDisplayNames("NUL");
        yield return new TestCaseData("del\u007f").SetArgDisplayNames("DEL");
        yield return new TestCaseData("next\u0085line").SetArgDisplayNames("C1 control");
    }

    [Test]
    public void UpsertAndImport_ModeThatIsNoMember_ThrowArgumentOutOfRangeAndWriteNothing()
    {
        var id = NewDataset().Id;

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.UpsertItems(id, [Draft("a", externalId: "a")], (UpsertMode)0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Upsert, Sync"));
            Assert.That(() => Store.ImportItems(id, [Draft("b")], (ImportMode)7), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Append"));
            Assert.That(Store.GetDataset(id)!.Version, Is.Zero);
        });
    }

    [Test]
    public void UpsertMode_EachMember_HasTheValueOfTheImportModeOfTheSameName()
    {
        foreach (var mode in Enum.GetValues<UpsertMode>())
        {
            Assert.That((int)mode, Is.EqualTo((int)Enum.Parse<ImportMode>(mode.ToString())), mode.ToString());
        }
    }

    [TestCaseSource(nameof(MalformedNames))]
    public void CreateDataset_MalformedNameOrId_ThrowsArgumentExceptionAndCreatesNothing(string bad)
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateDataset(new DatasetDefinition(bad)), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.CreateDataset(new DatasetDefinition("fine") { Id = bad }), Throws.InstanceOf<ArgumentException>());
            Assert.That(Store.ListDatasets().Total, Is.Zero);
        });
    }

    [TestCaseSource(nameof(MalformedNames))]
    public void UpdateDataset_MalformedName_ThrowsArgumentExceptionAndChangesNothing(string bad)
    {
        var ds = NewDataset();
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = bad, Description = "x" }), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [TestCaseSource(nameof(MalformedNames))]
    public void AddAndUpsert_MalformedItemId_ThrowsArgumentExceptionAndWritesNothing(string bad)
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.AddItems(ds.Id, [Draft("ok"), JsonDraft("1", id: bad)]), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpsertItems(ds.Id, [Draft("ok", externalId: "k"), JsonDraft("1", id: bad)]), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [TestCaseSource(nameof(MalformedNames))]
    public void TagCalls_MalformedTag_ThrowArgumentExceptionAndChangeNothing(string bad)
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        Store.TagVersion(ds.Id, 1, "t");
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.TagVersion(ds.Id, 1, bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.MoveTag(ds.Id, bad, 1), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.DeleteTag(ds.Id, bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ResolveVersion(ds.Id, bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { Tag = bad }), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [Test]
    public void NamesIdsAndTags_OfExactly256Characters_AreAccepted()
    {
        var longest = new string('n', 255) + "\u00e9";

        var ds = Store.CreateDataset(new DatasetDefinition(longest) { Id = longest });
        Store.AddItem(ds.Id, JsonDraft("1", id: longest));
        Store.TagVersion(ds.Id, 1, longest);

        Assert.Multiple(() =>
        {
            Assert.That((ds.Id, ds.Name), Is.EqualTo((longest, longest)));
            Assert.That(Store.GetItem(ds.Id, longest), Is.Not.Null);
            Assert.That(Store.ResolveVersion(ds.Id, longest), Is.EqualTo(1));
        });
    }

    [Test]
    public void CreateDataset_NameWithALoneSurrogate_IsRefusedBeforeAnythingIsWritten()
    {
        Assert.That(() => Store.CreateDataset(new DatasetDefinition("name \ud800")),
            Throws.TypeOf<ArgumentException>().With.Message.Contains("lone surrogate"));
    }

    [Test]
    public void NamesIdsKeysAndTags_WithALoneSurrogate_ThrowArgumentExceptionAndWriteNothing()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateDataset(new DatasetDefinition("name \ud800")), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.CreateDataset(new DatasetDefinition("fine") { Id = "id \udc00" }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = "\ud800" }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.AddItem(ds.Id, JsonDraft("1", id: "item \ud800")), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.AddItem(ds.Id, Draft("a", externalId: "key \ud800")), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpsertItems(ds.Id, [Draft("a", externalId: "key \udc00")]), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.TagVersion(ds.Id, 1, "tag \ud800"), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
            Assert.That(Store.ListDatasets().Total, Is.EqualTo(1));
            Assert.That(Store.AddItem(ds.Id, Draft("still writable")).Version, Is.EqualTo(2));
        });
    }

    [TestCaseSource(nameof(CallsNamingADataset))]
    public void AnyCall_EmptyOrOverlongDatasetId_ThrowsArgumentException(Action<IDatasetStore, string> call)
    {
        var ds = NewDataset();
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => call(Store, ""), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => call(Store, new string('d', 257)), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [TestCase("")]
    [TestCase(null)]
    public void ItemAndDatasetLookups_EmptyOrOverlongKey_ThrowArgumentException(string? key)
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        var before = StateOf(ds.Id);
        var bad = key ?? new string('i', 257);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.GetDataset(bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.FindDataset(bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.GetItem(ds.Id, bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.GetItemHistory(ds.Id, bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpdateItem(ds.Id, bad, new ItemPatch { Input = Node("1") }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.DeleteItem(ds.Id, bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.DeleteItems(ds.Id, [bad]), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [Test]
    public void NullArguments_ThrowArgumentNullException()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("a")).Items[0];
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateDataset(null!), Throws.ArgumentNullException);
            Assert.That(() => Store.CreateDataset(new DatasetDefinition(null!)), Throws.ArgumentNullException);
            Assert.That(() => Store.GetDataset(null!), Throws.ArgumentNullException);
            Assert.That(() => Store.FindDataset(null!), Throws.ArgumentNullException);
            Assert.That(() => Store.UpdateDataset(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.AddItem(null!, Draft("a")), Throws.ArgumentNullException);
            Assert.That(() => Store.AddItem(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.AddItems(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.UpdateItem(ds.Id, null!, new ItemPatch()), Throws.ArgumentNullException);
            Assert.That(() => Store.UpdateItem(ds.Id, item.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.DeleteItem(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.DeleteItems(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.UpsertItems(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.GetItem(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.GetItemHistory(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.ReadItems(null!).ToList(), Throws.ArgumentNullException);
            Assert.That(() => Store.TagVersion(ds.Id, 1, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.ResolveVersion(ds.Id, (string)null!), Throws.ArgumentNullException);
            Assert.That(() => Store.ImportItems(ds.Id, [Draft("b")], ImportMode.Append, null, null!), Throws.ArgumentNullException);
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [Test]
    public void ItemLists_NullDraftOrRepeatedDeleteId_ThrowArgumentExceptionAndWriteNothing()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 2).Items;
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.AddItems(ds.Id, [Draft("a"), null!]), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpsertItems(ds.Id, [Draft("a"), null!]), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.DeleteItems(ds.Id, [items[0].Id, null!]), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.DeleteItems(ds.Id, [items[0].Id, items[1].Id, items[0].Id]), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [TestCase("")]
    [TestCase(null)]
    public void ExternalIds_EmptyOrTooLong_ThrowArgumentExceptionAndWriteNothing(string? prefix)
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        var before = StateOf(ds.Id);
        var bad = prefix ?? new string('k', 4097);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.AddItems(ds.Id, [Draft("ok"), Draft("a", externalId: bad)]), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpsertItems(ds.Id, [Draft("ok", externalId: "k"), Draft("a", externalId: bad)]), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { ExternalId = bad }), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(1001)]
    [TestCase(int.MinValue)]
    [TestCase(int.MaxValue)]
    public void ListCalls_PageSizeOutsideOneToThousand_ThrowArgumentOutOfRangeException(int pageSize)
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { PageSize = pageSize }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.ListVersions(ds.Id, new VersionQuery { PageSize = pageSize }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.ListDatasets(new DatasetQuery { PageSize = pageSize }), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [TestCase(1)]
    [TestCase(1000)]
    public void ListCalls_PageSizeAtTheLimits_AreAccepted(int pageSize)
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 3);

        Assert.Multiple(() =>
        {
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { PageSize = pageSize }).Items, Has.Count.EqualTo(Math.Min(3, pageSize)));
            Assert.That(Store.ListVersions(ds.Id, new VersionQuery { PageSize = pageSize }).Items, Has.Count.EqualTo(1));
            Assert.That(Store.ListDatasets(new DatasetQuery { PageSize = pageSize }).Items, Has.Count.EqualTo(1));
        });
    }

    [TestCase("")]
    [TestCase("not a cursor")]
    [TestCase("!!!!")]
    [TestCase("aTEKeAoxCi0")]
    [TestCase("aTEKMQot")]
    [TestCase("eyJ2ZXJzaW9uIjoxfQ")]
    public void ListCalls_GarbledCursor_ThrowArgumentException(string cursor)
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 3);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListVersions(ds.Id, new VersionQuery { After = cursor }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListDatasets(new DatasetQuery { After = cursor }), Throws.InstanceOf<ArgumentException>());
        });
    }

    [Test]
    public void ListItems_TruncatedOrAlteredCursor_ThrowsArgumentException()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 5);
        var cursor = Store.ListItems(ds.Id, new ItemQuery { PageSize = 2 }).NextCursor!;

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor[..^3] }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor + "%%" }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = "x" + cursor }), Throws.InstanceOf<ArgumentException>());
        });
    }

    [Test]
    public void ListItems_ConflictingQueryMembers_ThrowArgumentException()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 3);
        Store.TagVersion(ds.Id, 1, "t");
        var cursor = Store.ListItems(ds.Id, new ItemQuery { PageSize = 1 }).NextCursor;

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { Version = 1, Tag = "t" }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor, Offset = 1 }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { Offset = -1 }), Throws.InstanceOf<ArgumentException>());
        });
    }

    [Test]
    public void Patches_SettingAndClearingOnePart_ThrowArgumentExceptionAndChangeNothing()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { Description = "d", Metadata = Obj("""{"a":1}""") });
        var item = Store.AddItem(ds.Id, JsonDraft("1", "2", """{"m":1}""")).Items[0];
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ExpectedOutput = Node("3"), ClearExpectedOutput = true }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Metadata = Obj("{}"), ClearMetadata = true }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpdateDataset(ds.Id, new DatasetUpdate { Description = "x", ClearDescription = true }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpdateDataset(ds.Id, new DatasetUpdate { Metadata = Obj("{}"), ClearMetadata = true }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("{}"), ClearInputSchema = true }), Throws.InstanceOf<ArgumentException>());
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
        });
    }

    [Test]
    public void MetadataFilter_ValueThatIsNotValidText_ThrowsArgumentException()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);

        Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { Metadata = new Dictionary<string, JsonNode?> { ["k"] = JsonValue.Create("lone \ud800") } }), Throws.InstanceOf<ArgumentException>());
    }

    [TestCaseSource(nameof(CallsNamingADataset))]
    public void AnyCall_AfterDispose_ThrowsObjectDisposedException(Action<IDatasetStore, string> call)
    {
        var ds = NewDataset();
        Store.Dispose();

        Assert.That(() => call(Store, ds.Id), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void StoreWideCalls_AfterDispose_ThrowObjectDisposedException()
    {
        var ds = NewDataset();
        Store.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateDataset(new DatasetDefinition("new")), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.GetDataset(ds.Id), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.FindDataset("qa"), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.ListDatasets(), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.Dispose(), Throws.Nothing);
        });
    }
}
