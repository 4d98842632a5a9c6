using System.Text.Json.Nodes;
using NUnit.Framework.Constraints;

namespace LiteDatasets.Tests.Contract;

/// <summary>Results refused: runs the experiment does not have, closed experiments, malformed drafts, and batches that write all or nothing.</summary>
public sealed partial class StoreContract
{
    /// <summary>Everything a caller can see of an experiment and its results, as lines.</summary>
    private string[] ResultState(string experimentId) =>
        [StoreDump.Experiment(Store.GetExperiment(experimentId)!), .. Store.ReadResults(experimentId).Select(Describe)];

    /// <summary>Runs a call that must fail as <paramref name="refusal"/> says, and checks that it changed neither the experiment nor its results.</summary>
    private void AssertResultsRefused(string experimentId, TestDelegate call, IResolveConstraint refusal)
    {
        var before = ResultState(experimentId);
        Clock.Advance(TimeSpan.FromSeconds(7));
        Assert.That(call, refusal);
        Assert.That(ResultState(experimentId), Is.EqualTo(before), "A refused write must change nothing.");
    }

    [Test]
    public void RecordResult_ItemNotInExperiment_IsRefused()
    {
        var ds = NewDataset();
        var items = Store.AddItems(ds.Id, [JsonDraft("1", metadata: """{"split":"test"}"""), JsonDraft("2", metadata: """{"split":"dev"}"""), JsonDraft("3", metadata: """{"split":"test"}""")]).Items;
        Store.DeleteItem(ds.Id, items[2].Id);
        var experiment = NewExperiment(ds.Id, new ExperimentDefinition
        {
            Repetitions = 2,
            Filter = new ExperimentFilter { Metadata = new Dictionary<string, JsonNode?> { ["split"] = JsonValue.Create("test") } },
        });
        var addedLater = Store.AddItem(ds.Id, JsonDraft("4", metadata: """{"split":"test"}""")).Items[0];
        Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Repetition = 1 });

        var refused = new Dictionary<string, ResultDraft>
        {
            ["outside the filter"] = new(items[1].Id),
            ["deleted before the pin"] = new(items[2].Id),
            ["added after the pin"] = new(addedLater.Id),
            ["never an item"] = new("no-such-item"),
            ["repetition beyond the experiment's"] = new(items[0].Id) { Repetition = 2 },
        };
        foreach (var (why, draft) in refused)
        {
            AssertResultsRefused(experiment.Id, () => Store.RecordResult(experiment.Id, draft), FailsWith(ErrorCode.ItemNotInExperiment, draft.ItemId));
            Assert.That(() => Store.RecordResults(experiment.Id, [new ResultDraft(items[0].Id), draft]), FailsWith(ErrorCode.ItemNotInExperiment), why);
        }

        Assert.That(Store.ReadResults(experiment.Id).Select(r => (r.ItemId, r.Repetition)), Is.EqualTo(new[] { (items[0].Id, 1) }));
    }

    [TestCase(ExperimentStatus.Completed)]
    [TestCase(ExperimentStatus.Cancelled)]
    public void RecordResult_ClosedExperiment_IsExperimentClosed(ExperimentStatus status)
    {
        var (_, items, experiment) = ExperimentWithItems(2);
        Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id));
        Store.CompleteExperiment(experiment.Id, status);

        AssertResultsRefused(experiment.Id, () => Store.RecordResult(experiment.Id, new ResultDraft(items[1].Id)), FailsWith(ErrorCode.ExperimentClosed, "no more results"));
        AssertResultsRefused(experiment.Id, () => Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id)), FailsWith(ErrorCode.ExperimentClosed));
        AssertResultsRefused(experiment.Id, () => Store.RecordResults(experiment.Id, []), FailsWith(ErrorCode.ExperimentClosed));
    }

    [Test]
    public void RecordResult_UnknownExperiment_IsExperimentNotFound()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Store.RecordResult("nope", new ResultDraft("item")), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => Store.RecordResults("nope", []), FailsWith(ErrorCode.ExperimentNotFound));
        });
    }

    [Test]
    public void RecordResults_OneBadDraft_WritesNothing()
    {
        var (_, items, experiment) = ExperimentWithItems(3);
        Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Output = Node("\"first\"") });
        ResultDraft[] Batch(ResultDraft bad) => [new(items[0].Id) { Output = Node("\"second\"") }, new(items[1].Id), bad];

        AssertResultsRefused(experiment.Id, () => Store.RecordResults(experiment.Id, Batch(new ResultDraft("no-such-item"))), FailsWith(ErrorCode.ItemNotInExperiment));
        AssertResultsRefused(experiment.Id, () => Store.RecordResults(experiment.Id, Batch(new ResultDraft(items[2].Id) { Output = new JsonObject { ["a"] = JsonValue.Create(double.NaN) } })),
            Throws.InstanceOf<InvalidPayloadException>().With.Property(nameof(InvalidPayloadException.ItemIndex)).EqualTo(2).And.Property(nameof(InvalidPayloadException.Path)).EqualTo("/output/a"));
        AssertResultsRefused(experiment.Id, () => Store.RecordResults(experiment.Id, Batch(new ResultDraft(items[1].Id))), Throws.ArgumentException.With.Message.Contains("Drafts 1 and 2"));
        AssertResultsRefused(experiment.Id, () => Store.RecordResults(experiment.Id, Batch(null!)), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("drafts[2]"));
    }

    [Test]
    public void RecordResult_MalformedParts_AreArgumentErrors()
    {
        var (_, items, experiment) = ExperimentWithItems(1);
        var id = items[0].Id;
        var refused = new Dictionary<string, ResultDraft>
        {
            ["draft.ItemId"] = new(null!),
            ["draft.Repetition"] = new(id) { Repetition = -1 },
            ["draft.Error.Message"] = new(id) { Error = new ResultError(null!) },
            ["draft.Error.Kind"] = new(id) { Error = new ResultError("x", (ResultErrorKind)0) },
            ["draft.Duration"] = new(id) { Duration = TimeSpan.FromTicks(-1) },
            ["draft.Usage.OutputTokens"] = new(id) { Usage = new ResultUsage { OutputTokens = -1 } },
            ["draft.Usage.Cost"] = new(id) { Usage = new ResultUsage { Cost = -0.01m } },
            ["draft.Usage.Currency"] = new(id) { Usage = new ResultUsage { Currency = "" } },
            ["draft.Model"] = new(id) { Model = "\ud800" },
            ["draft.Scores[1]"] = new(id) { Scores = [new ScoreDraft("a"), null!] },
            ["draft.Scores[0].Name"] = new(id) { Scores = [new ScoreDraft("")] },
            ["draft.Scores[1].Name"] = new(id) { Scores = [new ScoreDraft("a"), new ScoreDraft("a")] },
            ["draft.Scores[0].Value"] = new(id) { Scores = [new ScoreDraft("a") { Value = double.PositiveInfinity }] },
            ["draft.Scores[0].Reason"] = new(id) { Scores = [new ScoreDraft("a") { Reason = "\udc00" }] },
        };

        Assert.Multiple(() =>
        {
            foreach (var (parameter, draft) in refused)
            {
                Assert.That(() => Store.RecordResult(experiment.Id, draft), Throws.InstanceOf<ArgumentException>().With.Property("ParamName").EqualTo(parameter), parameter);
            }

            Assert.That(() => Store.RecordResult(experiment.Id, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("draft"));
            Assert.That(() => Store.RecordResults(experiment.Id, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("drafts"));
            Assert.That(() => Store.RecordResult("", new ResultDraft(id)), Throws.ArgumentException);
            Assert.That(Store.ReadResults(experiment.Id), Is.Empty);
        });
    }

    [Test]
    public void RecordResult_JsonThatCannotBeStoredExactly_IsInvalidPayloadNamingWhere()
    {
        var (_, items, experiment) = ExperimentWithItems(1);
        var id = items[0].Id;
        var tooDeep = NestedArrays(65);
        var deepest = NestedArrays(64);
        var refused = new Dictionary<string, ResultDraft>
        {
            ["/output/k"] = new(id) { Output = Node("""{"k":{"d":1,"d":2}}""") },
            ["/output"] = new(id) { Output = tooDeep },
            ["/metadata/m"] = new(id) { Metadata = new JsonObject { ["m"] = JsonValue.Create("\ud800") } },
            ["/scores/1/metadata/x"] = new(id) { Scores = [new ScoreDraft("a"), new ScoreDraft("b") { Metadata = new JsonObject { ["x"] = JsonValue.Create(double.NaN) } }] },
            [""] = new(id) { Output = JsonValue.Create(new string('x', ItemDraft.MaxContentBytes)) },
        };

        Assert.Multiple(() =>
        {
            foreach (var (path, draft) in refused)
            {
                Assert.That(() => Store.RecordResult(experiment.Id, draft), Throws.InstanceOf<InvalidPayloadException>()
                    .With.Property(nameof(InvalidPayloadException.Path)).StartsWith(path).And.Property(nameof(InvalidPayloadException.ItemId)).EqualTo(id), path);
            }

            Assert.That(Store.ReadResults(experiment.Id), Is.Empty);
            var deep = Store.RecordResult(experiment.Id, new ResultDraft(id) { Output = deepest, Metadata = NestedObjects(64), Scores = [new ScoreDraft("s") { Metadata = NestedObjects(64) }] });
            Assert.That(Text(Store.ReadResults(experiment.Id).Single().Scores[0].Metadata), Is.EqualTo(Text(deep.Scores[0].Metadata)), "metadata as deep as a payload may be round-trip");
        });
    }

    [Test]
    public void RecordResult_JsonNullOutput_IsStoredAsNone()
    {
        var (_, items, experiment) = ExperimentWithItems(1);

        var recorded = Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Output = JsonNull() });

        Assert.That((recorded.Output, Store.ReadResults(experiment.Id).Single().Output), Is.EqualTo(((JsonNode?)null, (JsonNode?)null)));
    }
}
