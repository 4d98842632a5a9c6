using System.Text.Json.Nodes;
using NUnit.Framework.Constraints;

namespace LiteDatasets.Tests.Contract;

/// <summary>Experiment calls with malformed arguments, or naming what does not exist: the error each gives, and nothing written.</summary>
public sealed partial class StoreContract
{
    private static IResolveConstraint FailsWith(ErrorCode code, string containing) =>
        Throws.InstanceOf<LiteDatasetsException>().With.Property(nameof(LiteDatasetsException.Code)).EqualTo(code).And.Message.Contains(containing);

    /// <summary>Definitions that are refused before anything is read, each with the parameter it names.</summary>
    private static IEnumerable<TestCaseData> MalformedExperimentDefinitions()
    {
        yield return Case("two pins", new ExperimentDefinition { Version = 1, Tag = "t" }, "definition");
        yield return Case("three pins", new ExperimentDefinition { Version = 1, Tag = "t", AsOf = DateTimeOffset.UnixEpoch }, "definition");
        yield return Case("no repetition", new ExperimentDefinition { Repetitions = 0 }, "definition.Repetitions");
        yield return Case("too many repetitions", new ExperimentDefinition { Repetitions = ExperimentDefinition.MaxRepetitions + 1 }, "definition.Repetitions");
        yield return Case("empty item id list", new ExperimentDefinition { Filter = new ExperimentFilter { ItemIds = [] } }, "definition.Filter.ItemIds");
        yield return Case("empty external id list", new ExperimentDefinition { Filter = new ExperimentFilter { ExternalIds = [] } }, "definition.Filter.ExternalIds");
        yield return Case("malformed item id", new ExperimentDefinition { Filter = new ExperimentFilter { ItemIds = ["ok", "tab\there"] } }, "definition.Filter.ItemIds");
        yield return Case("empty external id", new ExperimentDefinition { Filter = new ExperimentFilter { ExternalIds = [""] } }, "definition.Filter.ExternalIds");
        yield return Case("metadata filter of invalid text", new ExperimentDefinition { Filter = new ExperimentFilter { Metadata = new Dictionary<string, JsonNode?> { ["k"] = JsonValue.Create("lone \ud800") } } }, "definition.Filter.Metadata");
        yield return Case("empty task version", new ExperimentDefinition { TaskVersion = "" }, "definition.TaskVersion");
        yield return Case("task version of 4,097 characters", new ExperimentDefinition { TaskVersion = new string('t', 4097) }, "definition.TaskVersion");
        yield return Case("malformed scorer name", new ExperimentDefinition { Scorers = new Dictionary<string, string> { ["line\nbreak"] = "1" } }, "definition.Scorers");
        yield return Case("empty scorer version", new ExperimentDefinition { Scorers = new Dictionary<string, string> { ["s"] = "" } }, "definition.Scorers");
        yield return Case("description of invalid text", new ExperimentDefinition { Description = "lone \udc00" }, "definition.Description");
        yield return Case("malformed tag", new ExperimentDefinition { Tag = "" }, "definition.Tag");
        yield return Case("malformed id", new ExperimentDefinition { Id = "nul\0" }, "definition.Id");

        static TestCaseData Case(string name, ExperimentDefinition definition, string parameter) => new TestCaseData(definition, parameter).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(MalformedExperimentDefinitions))]
    public void CreateExperiment_MalformedDefinition_ThrowsArgumentExceptionNamingThePartAndWritesNothing(ExperimentDefinition definition, string parameter)
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 2);

        Assert.Multiple(() =>
        {
            Assert.That(() => NewExperiment(ds.Id, definition), Throws.InstanceOf<ArgumentException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo(parameter));
            Assert.That(Store.ListExperiments(ds.Id).Total, Is.Zero);
        });
    }

    [TestCaseSource(nameof(MalformedNames))]
    public void ExperimentCalls_MalformedNameOrId_ThrowArgumentExceptionAndWriteNothing(string bad)
    {
        var ds = NewDataset();
        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { Name = "fine" });

        Assert.Multiple(() =>
        {
            Assert.That(() => NewExperiment(ds.Id, new ExperimentDefinition { Name = bad }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => NewExperiment(bad, new ExperimentDefinition()), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Name = bad }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.GetExperiment(bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.FindExperiment(ds.Id, bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.CompleteExperiment(bad, ExperimentStatus.Completed), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.DeleteExperiment(bad), Throws.InstanceOf<ArgumentException>());
            Assert.That(StoreDump.Experiment(Store.GetExperiment(experiment.Id)!), Is.EqualTo(StoreDump.Experiment(experiment)));
            Assert.That(Store.ListExperiments(ds.Id).Total, Is.EqualTo(1));
        });
    }

    [Test]
    public void ExperimentCalls_NullArguments_ThrowArgumentNullException()
    {
        var ds = NewDataset();
        var experiment = NewExperiment(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateExperiment(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.CreateExperiment(null!, new ExperimentDefinition()), Throws.ArgumentNullException);
            Assert.That(() => Store.UpdateExperiment(experiment.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => Store.GetExperiment(null!), Throws.ArgumentNullException);
            Assert.That(() => Store.FindExperiment(ds.Id, null!), Throws.ArgumentNullException);
            Assert.That(() => NewExperiment(ds.Id, new ExperimentDefinition { Scorers = new Dictionary<string, string> { ["s"] = null! } }), Throws.ArgumentNullException);
        });
    }

    [Test]
    public void UpdateExperiment_SettingAndClearingOnePart_ThrowsArgumentExceptionAndChangesNothing()
    {
        var experiment = NewExperiment(NewDataset().Id, new ExperimentDefinition { Description = "d", Metadata = Obj("""{"a":1}""") });

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Description = "x", ClearDescription = true }), Throws.ArgumentException);
            Assert.That(() => Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Metadata = Obj("{}"), ClearMetadata = true }), Throws.ArgumentException);
            Assert.That(() => Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Description = "lone \ud800" }), Throws.ArgumentException);
            Assert.That(StoreDump.Experiment(Store.GetExperiment(experiment.Id)!), Is.EqualTo(StoreDump.Experiment(experiment)));
        });
    }

    [Test]
    public void ExperimentMetadata_NestedTooDeeply_IsInvalidPayloadAndWritesNothing()
    {
        var ds = NewDataset();
        var experiment = NewExperiment(ds.Id);
        var deep = new JsonObject();
        var level = deep;
        for (var i = 0; i < 70; i++)
        {
            var next = new JsonObject();
            level["n"] = next;
            level = next;
        }

        Assert.Multiple(() =>
        {
            Assert.That(() => NewExperiment(ds.Id, new ExperimentDefinition { Metadata = deep }), FailsWith(ErrorCode.InvalidPayload, "/metadata/n/n"));
            Assert.That(() => Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Metadata = deep }), FailsWith(ErrorCode.InvalidPayload, "experiment definition"));
            Assert.That(Store.ListExperiments(ds.Id).Total, Is.EqualTo(1));
            Assert.That(Store.GetExperiment(experiment.Id)!.Metadata, Is.Null);
        });
    }

    [Test]
    public void ExperimentCalls_NamingWhatDoesNotExist_FailWithItsCodeAndWriteNothing()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 2);
        Store.TagVersion(ds.Id, 1, "golden");

        Assert.Multiple(() =>
        {
            Assert.That(AssertRefused(ds.Id, ErrorCode.VersionNotFound, () => NewExperiment(ds.Id, new ExperimentDefinition { Version = 2 })).Message, Does.Contain("versions are 0 to 1"));
            AssertRefused(ds.Id, ErrorCode.VersionNotFound, () => NewExperiment(ds.Id, new ExperimentDefinition { Version = -1 }));
            AssertRefused(ds.Id, ErrorCode.VersionNotFound, () => NewExperiment(ds.Id, new ExperimentDefinition { AsOf = Store.GetDataset(ds.Id)!.CreatedAt.AddMilliseconds(-1) }));
            AssertRefused(ds.Id, ErrorCode.TagNotFound, () => NewExperiment(ds.Id, new ExperimentDefinition { Tag = "Golden" }));
            Assert.That(() => NewExperiment("no-such-dataset"), FailsWith(ErrorCode.DatasetNotFound));
            Assert.That(() => Store.UpdateExperiment("no-such-experiment", new ExperimentUpdate { Name = "x" }), FailsWith(ErrorCode.ExperimentNotFound, "'no-such-experiment'"));
            Assert.That(() => Store.CompleteExperiment("no-such-experiment", ExperimentStatus.Completed), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => Store.DeleteExperiment("no-such-experiment"), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(Store.GetExperiment("no-such-experiment"), Is.Null);
            Assert.That(Store.ListExperiments(ds.Id).Total, Is.Zero);
        });
    }

    [Test]
    public void ExperimentCalls_AfterDispose_ThrowObjectDisposedException()
    {
        var ds = NewDataset();
        var experiment = NewExperiment(ds.Id);
        Store.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(() => NewExperiment(ds.Id), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.GetExperiment(experiment.Id), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.FindExperiment(ds.Id, "#1"), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.ListExperiments(ds.Id), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Name = "x" }), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.CompleteExperiment(experiment.Id, ExperimentStatus.Completed), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(() => Store.DeleteExperiment(experiment.Id), Throws.InstanceOf<ObjectDisposedException>());
        });
    }
}
