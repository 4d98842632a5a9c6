using System.Buffers.Binary;
using LiteDatasets.Engines.LiteDb.Connections;
using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// The migration path of the file format, with plans of their own (steps that rewrite data and add an index) over
/// files of format 1, the first: a file is upgraded step by step when opened for writing, each step is all or
/// nothing, an upgraded file is refused by a build that knows only older formats, and no open that may not upgrade
/// changes a byte. (The step this build itself has, from format 1 to 2, is checked in <see cref="ExperimentFormatTests"/>.)
/// </summary>
[TestFixture]
public sealed class FormatUpgradeTests : StoreFileFixture
{
    private const int UserVersionOffset = 76;

    private List<int> _applied = null!;

    [SetUp]
    public void ForgetAppliedSteps() => _applied = [];

    [Test]
    public void Open_FileOfAnOlderFormat_UpgradesItOneStepAtATimeAndKeepsEverything()
    {
        var dump = TestStores.CreateFirstFormatSample(StorePath);

        using (var store = Open(ThreeFormats()))
        {
            Assert.Multiple(() =>
            {
                Assert.That(_applied, Is.EqualTo(new[] { 1, 2 }));
                Assert.That(store.FormatVersion, Is.EqualTo(3));
                Assert.That(StoreDump.Of(store), Is.EqualTo(dump));
                Assert.That(store.Verify().Problems, Is.Empty);
                Assert.That(store.Connection.Database.GetCollection(StoreSchema.Datasets).Find("$.labelled = true").Count(), Is.EqualTo(StoreDump.AllDatasets(store).Count));
                Assert.That(store.Connection.Database.GetCollection("$indexes").Find("$.collection = 'datasets'").Select(i => i["name"].AsString), Does.Contain("labelled"));
            });
        }

        Assert.That(MarkerOf(StorePath), Is.EqualTo(StoreFormat.MarkerFor(3)), "the data file's header, after the close's checkpoint");
    }

    [Test]
    public void Open_FileAlreadyUpgraded_RunsNoStepAgain()
    {
        TestStores.CreateFirstFormatSample(StorePath);
        Open(ThreeFormats()).Dispose();
        _applied.Clear();

        using var store = Open(ThreeFormats());

        Assert.Multiple(() =>
        {
            Assert.That(_applied, Is.Empty);
            Assert.That(store.FormatVersion, Is.EqualTo(3));
        });
    }

    [Test]
    public void Open_NewFile_IsCreatedAtTheNewestFormatWithoutSteps()
    {
        using var store = Open(ThreeFormats());

        Assert.Multiple(() =>
        {
            Assert.That(_applied, Is.Empty);
            Assert.That(store.FormatVersion, Is.EqualTo(3));
            Assert.That(store.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void FormatVersion_OfAStoreOfThisBuild_IsTheCurrentFormat()
    {
        using var file = TestStores.Open(StorePath);
        using var memory = DatasetStore.OpenInMemory();

        Assert.Multiple(() =>
        {
            Assert.That(file.FormatVersion, Is.EqualTo(FormatPlan.Current.Version));
            Assert.That(memory.FormatVersion, Is.EqualTo(FormatPlan.Current.Version));
            Assert.That(FormatPlan.Current.Version, Is.EqualTo(FormatPlan.FirstVersion + FormatPlan.Current.Steps.Count));
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Open_UpgradedFile_WithABuildThatKnowsOnlyOlderFormats_IsRefusedAndChangesNothing(bool readOnly)
    {
        TestStores.CreateFirstFormatSample(StorePath);
        Open(ThreeFormats()).Dispose();
        var before = FileState.Of(StorePath);

        var ex = Assert.Throws<LiteDatasetsException>(() => Open(TwoFormats(), readOnly: readOnly).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.UnsupportedFormat));
            Assert.That(ex.Message, Does.Contain("format version 3, newer"));
            Assert.That(FileState.Of(StorePath), Is.EqualTo(before));
        });
    }

    [TestCase(true, false, "opened read-only")]
    [TestCase(false, false, "UpgradeFormat is off")]
    public void Open_OlderFormat_WhenTheOpenMayNotUpgrade_IsRefusedAndChangesNothing(bool readOnly, bool upgrade, string reason)
    {
        TestStores.CreateFirstFormatSample(StorePath);
        var before = FileState.Of(StorePath);

        var ex = Assert.Throws<LiteDatasetsException>(() => Open(TwoFormats(), readOnly: readOnly, upgrade: upgrade).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.UnsupportedFormat));
            Assert.That(ex.Message, Does.Contain("format version 1, older").And.Contain(reason));
            Assert.That(_applied, Is.Empty);
            Assert.That(FileState.Of(StorePath), Is.EqualTo(before));
        });
        Assert.That(() => TestStores.Open(StorePath).Dispose(), Throws.Nothing, "the refused open released the file");
    }

    [Test]
    public void Open_StepThatFails_RollsBackThatStepKeepsTheStepsBeforeItAndReleasesTheFile()
    {
        var dump = TestStores.CreateFirstFormatSample(StorePath);
        var failing = new FormatPlan([LabelDatasets(), new FormatStep(2, "a step that fails half-way", db =>
        {
            db.GetCollection("scratch").Insert(new BsonDocument { ["_id"] = 1 });
            throw new InvalidOperationException("disk says no");
        })]);

        var ex = Assert.Throws<LiteDatasetsException>(() => Open(failing).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.StorageFailure));
            Assert.That(ex.Message, Does.Contain("from format 2 to 3").And.Contain("a step that fails half-way").And.Contain("disk says no"));
        });

        _applied.Clear();
        using var store = Open(ThreeFormats());
        Assert.Multiple(() =>
        {
            Assert.That(_applied, Is.EqualTo(new[] { 2 }), "format 2 was committed; only the failed step runs again");
            Assert.That(store.Connection.Database.CollectionExists("scratch"), Is.False, "nothing of the failed step remains");
            Assert.That(StoreDump.Of(store), Is.EqualTo(dump));
            Assert.That(store.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void Open_FileWhoseHeaderMarkerLagsItsFormatRecord_TrustsTheRecordAndRepairsTheMarker()
    {
        // A crash after a step committed but before the header's marker was written leaves exactly this.
        var dump = TestStores.CreateFirstFormatSample(StorePath);
        Open(TwoFormats()).Dispose();
        WriteMarker(StorePath, StoreFormat.MarkerFor(1));

        using (var readOnly = Open(TwoFormats(), readOnly: true))
        {
            Assert.That(readOnly.Verify().Problems, Is.Empty, "a lagging marker is a state an upgrade may leave, not damage");
        }

        var ex = Assert.Throws<LiteDatasetsException>(() => Open(TestStores.FirstFormat).Dispose());
        Assert.That(ex!.Code, Is.EqualTo(ErrorCode.UnsupportedFormat), "a build of format 1 reads the record, not only the marker");

        _applied.Clear();
        using (var store = Open(TwoFormats()))
        {
            Assert.Multiple(() =>
            {
                Assert.That(_applied, Is.Empty);
                Assert.That(StoreDump.Of(store), Is.EqualTo(dump));
                Assert.That(store.Verify().Problems, Is.Empty);
            });
        }

        Assert.That(MarkerOf(StorePath), Is.EqualTo(StoreFormat.MarkerFor(2)));
    }

    [Test]
    public void Verify_HeaderMarkerOfNoFormat_IsReported()
    {
        TestStores.CreateSample(StorePath);
        WriteMarker(StorePath, StoreFormat.MarkerFor(0));

        using var store = TestStores.Open(StorePath, readOnly: true);

        Assert.That(store.Verify().Problems.Select(p => p.Description), Has.One.Contains("header's marker is 0x4C440000"));
    }

    [TestCase(true, true, "opened read-only")]
    [TestCase(false, false, "UpgradeFormat is off")]
    public void Open_Shared_OlderFormat_WhenTheOpenMayNotUpgrade_IsRefusedAndChangesNothing(bool readOnly, bool upgrade, string reason)
    {
        TestStores.CreateFirstFormatSample(StorePath);
        var before = FileState.Of(StorePath);
        var listing = FileState.Listing(Scratch.Path);

        var ex = Assert.Throws<LiteDatasetsException>(() => Open(TwoFormats(), readOnly: readOnly, shared: true, upgrade: upgrade).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.UnsupportedFormat));
            Assert.That(ex.Message, Does.Contain(reason));
            Assert.That(FileState.Of(StorePath), Is.EqualTo(before));
            Assert.That(FileState.Listing(Scratch.Path), Is.EqualTo(listing));
        });
        Assert.That(() => TestStores.Open(StorePath).Dispose(), Throws.Nothing, "the refused open released the file");
    }

    [Test]
    public void Open_Shared_OlderFormat_WhileAnotherOpenerHoldsIt_IsRefusedAndChangesNothing()
    {
        TestStores.CreateFirstFormatSample(StorePath);
        var before = FileState.Of(StorePath);
        using var holder = Open(TestStores.FirstFormat, shared: true);

        var ex = Assert.Throws<LiteDatasetsException>(() => Open(TwoFormats(), shared: true).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.UnsupportedFormat));
            Assert.That(ex.Message, Does.Contain("another process has it open"));
            Assert.That(_applied, Is.Empty);
        });
        holder.Dispose();
        Assert.That(FileState.Of(StorePath), Is.EqualTo(before));
    }

    [Test]
    public void Open_Shared_OlderFormat_UpgradesThroughAShortExclusiveOpen()
    {
        var dump = TestStores.CreateFirstFormatSample(StorePath);

        using var first = Open(TwoFormats(), shared: true);
        using var second = Open(TwoFormats(), shared: true);

        Assert.Multiple(() =>
        {
            Assert.That(_applied, Is.EqualTo(new[] { 1 }));
            Assert.That(first.FormatVersion, Is.EqualTo(2));
            Assert.That(StoreDump.Of(second), Is.EqualTo(dump));
        });
    }

    [Test]
    public void FormatPlan_StepsThatDoNotLeadUpOneFormatAtATime_AreRefused()
    {
        var skipping = new FormatStep(2, "starts too late", _ => { });

        Assert.That(() => new FormatPlan([skipping]), Throws.ArgumentException.With.Message.Contains("must start from 1"));
    }

    private DatasetStore Open(FormatPlan formats, bool readOnly = false, bool shared = false, bool upgrade = true) =>
        DatasetStore.Open(new StoreSettings { Path = StorePath, ReadOnly = readOnly, Shared = shared, UpgradeFormat = upgrade, Formats = formats });

    private FormatPlan TwoFormats() => new([LabelDatasets()]);

    private FormatPlan ThreeFormats() => new([LabelDatasets(), IndexLabels()]);

    /// <summary>A step that rewrites every dataset row.</summary>
    private FormatStep LabelDatasets() => new(1, "labels every dataset", db =>
    {
        _applied.Add(1);
        var datasets = db.GetCollection(StoreSchema.Datasets);
        foreach (var row in datasets.FindAll().ToList())
        {
            row["labelled"] = true;
            datasets.Update(row);
        }
    });

    /// <summary>A step that adds an index.</summary>
    private FormatStep IndexLabels() => new(2, "indexes the labels", db =>
    {
        _applied.Add(2);
        db.GetCollection(StoreSchema.Datasets).EnsureIndex("labelled", "$.labelled");
    });

    private static int MarkerOf(string path)
    {
        using var file = File.OpenRead(path);
        var bytes = new byte[4];
        file.Position = UserVersionOffset;
        file.ReadExactly(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    private static void WriteMarker(string path, int marker)
    {
        using var file = File.OpenWrite(path);
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, marker);
        file.Position = UserVersionOffset;
        file.Write(bytes);
    }
}
