using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Queries;

/// <summary>The storage port's experiment rows: one seek or range of an experiment index each (see <see cref="StoreSchema"/>), run through <see cref="LiteDbCalls"/>.</summary>
internal sealed partial class LiteDbRows
{
    public DatasetRow? FindDatasetByKey(int key) =>
        LiteDbCalls.Run(() => _datasets.Query().Where(Expressions.Get("$.k = @0", key)).FirstOrDefault() is { } doc ? DatasetDocuments.From(doc) : null);

    public ExperimentRow? FindExperiment(string id) =>
        LiteDbCalls.Run(() => Expressions.FindById(_experiments, id) is { } doc ? ExperimentDocuments.From(doc) : null);

    public ExperimentRow? FindExperimentBySequence(int datasetKey, long sequence) =>
        LiteDbCalls.Run(() => _experiments.Query().Where(Expressions.Get(StoreSchema.ExperimentBySequence + " = @0", new BsonArray { datasetKey, sequence })).FirstOrDefault() is { } doc
            ? ExperimentDocuments.From(doc)
            : null);

    public ExperimentRow? FindExperimentByNameKey(int datasetKey, string nameKey) =>
        LiteDbCalls.Run(() => _experiments.Query().Where(Expressions.Get(StoreSchema.ExperimentByName + " = @0", new BsonArray { datasetKey, nameKey })).FirstOrDefault() is { } doc
            ? ExperimentDocuments.From(doc)
            : null);

    public IReadOnlyList<ExperimentRow> Experiments(int datasetKey, long beforeSequence, int limit) =>
        LiteDbCalls.Run(() => _experiments.Query()
            .Where(Expressions.Get(StoreSchema.ExperimentBySequence + " BETWEEN @0 AND @1", new BsonArray { datasetKey, BsonValue.MinValue }, new BsonArray { datasetKey, beforeSequence - 1 }))
            .OrderByDescending(Expressions.Get(StoreSchema.ExperimentBySequence))
            .Limit(limit)
            .ToEnumerable()
            .Select(ExperimentDocuments.From)
            .ToList());

    public long CountExperiments(int datasetKey) =>
        LiteDbCalls.Run(() => _experiments.Query().Where(AllExperimentsOf(datasetKey)).LongCount());

    public ExperimentRow? FindExperimentForUpdate(string id) =>
        LiteDbCalls.Run(() => _experiments.Query().Where(Expressions.Get("_id = @0", id)).ForUpdate().FirstOrDefault() is { } doc ? ExperimentDocuments.From(doc) : null);

    public long NextExperimentSequence(int datasetKey) => LiteDbCalls.Run(() =>
    {
        // The counter is read for update, and kept apart from the experiments so that deleting one gives no number back.
        var counter = _experimentSequences.Query().Where(Expressions.Get("_id = @0", datasetKey)).ForUpdate().FirstOrDefault();
        var next = counter is null ? 1 : counter["last"].AsInt64 + 1;
        _experimentSequences.Upsert(new BsonDocument { ["_id"] = datasetKey, ["last"] = next });
        return next;
    });

    public void InsertExperiment(ExperimentRow row) =>
        LiteDbCalls.Run(() => _experiments.Insert(ExperimentDocuments.ToDocument(row)));

    public void UpdateExperiment(ExperimentRow row) =>
        LiteDbCalls.Run(() => _experiments.Update(ExperimentDocuments.ToDocument(row)));

    public void DeleteExperiment(ExperimentRow row) => LiteDbCalls.Run(() =>
    {
        DeleteResultsOf(row.Id);
        _experiments.Delete(row.Id);
    });

    /// <summary>Removes a dataset's experiments with their results, and its sequence counter (part of deleting the dataset).</summary>
    private void DeleteExperimentsOf(int datasetKey)
    {
        foreach (var id in _experiments.Query().Where(AllExperimentsOf(datasetKey)).ToList().Select(d => d["_id"].AsString))
        {
            DeleteResultsOf(id);
        }

        _experiments.DeleteMany(AllExperimentsOf(datasetKey));
        _experimentSequences.Delete(datasetKey);
    }

    private static BsonExpression AllExperimentsOf(int datasetKey) =>
        Expressions.Get(StoreSchema.ExperimentBySequence + " BETWEEN @0 AND @1", new BsonArray { datasetKey, BsonValue.MinValue }, new BsonArray { datasetKey, BsonValue.MaxValue });
}
