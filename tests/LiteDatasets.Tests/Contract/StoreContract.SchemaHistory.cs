namespace LiteDatasets.Tests.Contract;

/// <summary>Schemas: setting, changing and removing them creates versions that fix the schemas in force.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void UpdateDataset_SetSchema_CreatesOneVersionWithSchemaChanged()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [Draft("a", "1"), Draft("b", "2")]);

        var updated = Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node(InputSchemaA), ExpectedOutputSchema = Node(OutputSchema) });

        var version = Store.GetVersion(ds.Id, 2);
        Assert.Multiple(() =>
        {
            Assert.That(updated.Version, Is.EqualTo(2));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(2));
            Assert.That(Store.ListVersions(ds.Id).Total, Is.EqualTo(2));
            Assert.That(version.SchemaChanged, Is.True);
            Assert.That(Store.GetVersion(ds.Id, 1).SchemaChanged, Is.False);
            Assert.That((version.Added, version.Updated, version.Deleted, version.ItemCount), Is.EqualTo((0, 0, 0, 2L)));
            Assert.That(Inputs(Store.ReadItems(ds.Id, 2)), Is.EqualTo(Inputs(Store.ReadItems(ds.Id, 1))));
            Assert.That(Text(Store.GetDataset(ds.Id)!.InputSchema), Is.EqualTo(InputSchemaA));
        });
    }

    [Test]
    public void UpdateDataset_SchemaAndRename_CreatesExactlyOneVersion()
    {
        var ds = NewDataset();

        Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = "renamed", InputSchema = Node(InputSchemaA) });

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(1));
            Assert.That(Store.GetDataset(ds.Id)!.Name, Is.EqualTo("renamed"));
            Assert.That(Store.GetVersion(ds.Id, 1).SchemaChanged, Is.True);
        });
    }

    [Test]
    public void UpdateDataset_SameSchemaWithKeysReordered_CreatesNoVersion()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { InputSchema = Node("""{"type":"string","minLength":1}""") });

        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("""{"minLength":1,"type":"string"}""") });

        Assert.That(Store.GetDataset(ds.Id)!.Version, Is.Zero);
    }

    [Test]
    public void GetDataset_AtVersion_ReturnsSchemasInForceAtThatVersion()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { InputSchema = Node(InputSchemaA) });
        Store.AddItem(ds.Id, Draft("a", "x"));                                                       // v1
        Store.UpdateDataset(ds.Id, new DatasetUpdate { ExpectedOutputSchema = Node(OutputSchema) }); // v2
        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node(InputSchemaB) });          // v3
        Store.UpdateDataset(ds.Id, new DatasetUpdate { ClearInputSchema = true });                   // v4

        string Schemas(long version)
        {
            var at = Store.GetDataset(ds.Id, version);
            return Text(at.InputSchema) + " / " + Text(at.ExpectedOutputSchema);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Schemas(0), Is.EqualTo(InputSchemaA + " / <null>"));
            Assert.That(Schemas(1), Is.EqualTo(InputSchemaA + " / <null>"));
            Assert.That(Schemas(2), Is.EqualTo(InputSchemaA + " / " + OutputSchema));
            Assert.That(Schemas(3), Is.EqualTo(InputSchemaB + " / " + OutputSchema));
            Assert.That(Schemas(4), Is.EqualTo("<null> / " + OutputSchema));
            Assert.That(Store.ListVersions(ds.Id).Items.Select(v => v.SchemaChanged), Is.EqualTo(new[] { true, true, true, false }));
            Assert.That(Text(Store.GetDataset(ds.Id)!.InputSchema), Is.EqualTo("<null>"));
        });
    }

    [Test]
    public void GetDataset_AtCurrentVersion_AgreesWithGetDatasetAfterASchemaEditThatOnlyReordersKeys()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { InputSchema = Node("""{"type":"string","minLength":1}""") });
        Store.AddItem(ds.Id, Draft("a"));

        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("""{"minLength":1,"type":"string"}""") });

        var current = Store.GetDataset(ds.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(current.Version, Is.EqualTo(1));
            Assert.That(Text(Store.GetDataset(ds.Id, current.Version).InputSchema), Is.EqualTo(Text(current.InputSchema)));
        });
    }
}
