using System.Text.Json.Nodes;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// A store file for the result-writing benchmarks: a dataset of evaluation items and two running experiments of it,
/// one for the store to record into and one for the raw baselines, which write the same result documents into the
/// same <c>results</c> collection (so through the same primary index, and with <c>Durable = true</c> through the same
/// synced journal) and bump that experiment's counters. Run number n is repetition n / items of item n % items, so
/// both sides insert new runs in the same key pattern.
/// </summary>
public sealed class ResultSample : IDisposable
{
    private readonly BenchmarkFiles _files = new();
    private readonly BsonDocument _template;
    private readonly List<long> _seqs;

    public ResultSample(int items, bool durable)
    {
        Store = DatasetStore.Open(new DatasetStoreOptions { Path = _files.NewFile("results"), Durable = durable });
        var datasetId = Store.CreateDataset(new DatasetDefinition("bench")).Id;
        Store.ImportItems(datasetId, EvalItems.Drafts(0, items));
        ItemIds = Store.ReadItems(datasetId).Select(i => i.Id).ToList();
        var seqs = Raw.GetCollection(StoreSchema.Revisions).FindAll().Select(RevisionDocuments.From).ToDictionary(r => r.ItemId, r => r.Seq);
        _seqs = ItemIds.ConvertAll(id => seqs[id]);
        ExperimentId = CreateExperiment(datasetId, "store");
        RawExperimentId = CreateExperiment(datasetId, "raw");

        // The document the store writes for a result, taken from the store itself: run 0 of the raw experiment.
        Store.RecordResult(RawExperimentId, Draft(0));
        _template = Results.FindById(ResultDocuments.RowId(RawExperimentId, new ResultKey(_seqs[0], 0)));
    }

    public DatasetStore Store { get; }

    public List<string> ItemIds { get; }

    /// <summary>Gets the experiment the store records into.</summary>
    public string ExperimentId { get; }

    /// <summary>Gets the experiment the raw baselines write into (its run 0 is recorded).</summary>
    public string RawExperimentId { get; }

    /// <summary>Gets the LiteDB database under the store, for raw baselines on the same file.</summary>
    public LiteDatabase Raw => Store.Connection.Database;

    private ILiteCollection<BsonDocument> Results => Raw.GetCollection(StoreSchema.Results);

    private ILiteCollection<BsonDocument> Experiments => Raw.GetCollection(StoreSchema.Experiments);

    /// <summary>Returns the result of run <paramref name="run"/>: a small output and two scores.</summary>
    public ResultDraft Draft(int run) => new(ItemIds[run % ItemIds.Count])
    {
        Repetition = run / ItemIds.Count,
        Output = new JsonObject { ["answer"] = EvalItems.Answer(run), ["steps"] = run % 7 },
        Scores =
        [
            new ScoreDraft("exact_match") { Value = run % 3 == 0 ? 0 : 1, Passed = run % 3 != 0 },
            new ScoreDraft("similarity") { Value = (run % 100) / 100.0 },
        ],
    };

    /// <summary>Returns the results of <paramref name="count"/> runs from <paramref name="first"/>.</summary>
    public List<ResultDraft> Drafts(int first, int count) => Enumerable.Range(first, count).Select(Draft).ToList();

    /// <summary>Builds the document of a run of the raw experiment: the store's own document, moved to that run's key.</summary>
    public BsonDocument RawDocument(int run)
    {
        var item = run % ItemIds.Count;
        var key = new ResultKey(_seqs[item], run / ItemIds.Count);
        var doc = new BsonDocument();
        foreach (var (name, value) in _template)
        {
            doc[name] = value;
        }

        doc["_id"] = ResultDocuments.RowId(RawExperimentId, key);
        doc["s"] = key.Seq;
        doc["r"] = key.Repetition;
        doc["i"] = ItemIds[item];
        return doc;
    }

    /// <summary>
    /// Upserts result documents of new runs (one call for all) and adds them to the raw experiment's counters, in one
    /// transaction; with durability on, then syncs the journal as a store call does before it returns (the journal
    /// leaves each commit's sync to its caller, so without this the raw side would never sync).
    /// </summary>
    public void RawCommit(IReadOnlyList<BsonDocument> results)
    {
        Raw.BeginTrans();
        Results.Upsert(results);
        var experiment = Experiments.FindById(RawExperimentId);
        experiment["rec"] = experiment["rec"].AsInt64 + results.Count;
        experiment["ok"] = experiment["ok"].AsInt64 + results.Count;
        Experiments.Update(experiment);
        if (!Raw.Commit())
        {
            throw new InvalidOperationException("The raw commit did not commit.");
        }

        var journal = Store.Connection.Journal!;
        if (journal.Durable)
        {
            journal.SyncThrough(journal.LastCommit);
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        _files.Dispose();
    }

    private string CreateExperiment(string datasetId, string name) =>
        Store.CreateExperiment(datasetId, new ExperimentDefinition { Name = name, Repetitions = ExperimentDefinition.MaxRepetitions }).Id;
}
