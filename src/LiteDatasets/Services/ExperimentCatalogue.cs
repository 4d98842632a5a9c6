using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The experiments of datasets: creating, finding, listing, relabelling, closing and deleting them.
/// </summary>
/// <remarks>
/// Locks: creating an experiment resolves its pin and counts its items in reads first, under no lock (a committed
/// version never changes), then stores it under the dataset's lock — the lock that orders it after a deletion of the
/// dataset and before the next one, and that serialises the dataset's experiment numbers and names. Every later
/// write of an experiment locks only the experiment's own row, so it never waits for the dataset's item writes and
/// they never wait for it.
/// </remarks>
internal sealed class ExperimentCatalogue(IStorageEngine engine, TimeProvider clock)
{
    public Experiment CreateExperiment(string datasetId, ExperimentDefinition definition)
    {
        Guard.Name(datasetId);
        var draft = ExperimentDraft.From(definition);
        if (engine.IsReadOnly)
        {
            // Refused before the pin is resolved and the items counted, work the write would throw away.
            throw Errors.ReadOnly();
        }

        while (true)
        {
            var (pin, existing) = engine.Read<(ExperimentPin? Pin, Experiment? Existing)>(rows =>
            {
                var dataset = DatasetRules.Require(rows, datasetId);
                var stored = draft.IdGiven ? rows.FindExperiment(draft.Id) : null;
                return stored is null ? (ExperimentPin.Resolve(rows, dataset, draft), null) : (null, Same(stored, dataset, draft));
            });
            if (existing is not null)
            {
                return existing;
            }

            if (pin!.Items < 0)
            {
                pin = pin.Counted(engine, datasetId, draft.Scope!);
            }

            // Null when the dataset was deleted and created again under its id meanwhile: the pin is then resolved again.
            var created = engine.Write(datasetId, rows => Store(rows, datasetId, draft, pin));
            if (created is not null)
            {
                return created;
            }
        }
    }

    public Experiment? GetExperiment(string id)
    {
        Guard.Name(id);
        return engine.Read(rows => rows.FindExperiment(id) is { } row && rows.FindDatasetByKey(row.DatasetKey) is { } dataset ? row.ToExperiment(dataset.Id) : null);
    }

    public Experiment? FindExperiment(string datasetId, string nameOrSequence)
    {
        Guard.Name(datasetId);
        Guard.Name(nameOrSequence);
        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            return ExperimentNames.Find(rows, dataset.Key, nameOrSequence)?.ToExperiment(dataset.Id);
        });
    }

    public ExperimentPage ListExperiments(string datasetId, ExperimentQuery? query)
    {
        Guard.Name(datasetId);
        query ??= new ExperimentQuery();
        var pageSize = Guard.PageSize(query.PageSize, nameof(query) + ".PageSize");
        var before = query.After is null ? long.MaxValue : PageCursor.DecodeExperimentCursor(query.After);
        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            var found = rows.Experiments(dataset.Key, before, pageSize + 1);
            var page = found.Take(pageSize).Select(e => e.ToExperiment(dataset.Id)).ToList();
            var next = found.Count > pageSize ? PageCursor.EncodeExperimentCursor(page[^1].Sequence) : null;
            return new ExperimentPage(page, rows.CountExperiments(dataset.Key), next);
        });
    }

    public Experiment UpdateExperiment(string id, ExperimentUpdate update)
    {
        Guard.Name(id);
        Guard.NotNull(update);
        var name = update.Name is null ? null : ExperimentNames.Check(update.Name, nameof(update) + ".Name");
        DatasetRules.CheckClearConflict(update.Description is not null, update.ClearDescription, "Description");
        DatasetRules.CheckClearConflict(update.Metadata is not null, update.ClearMetadata, "Metadata");
        var description = Guard.OptionalText(update.Description, nameof(update) + ".Description");
        var (metadata, _) = ExperimentDraft.EncodeMetadata(update.Metadata);
        return ChangeExperiment(id, (rows, row, datasetId) =>
        {
            if (name is not null && DatasetRow.KeyOfName(name) != row.NameKey)
            {
                ExperimentNames.CheckNotAnotherDefault(name, row.Sequence, nameof(update) + ".Name");
                if (rows.FindExperimentByNameKey(row.DatasetKey, DatasetRow.KeyOfName(name)) is not null)
                {
                    throw Errors.ExperimentNameTaken(name);
                }
            }

            return row with
            {
                Name = name ?? row.Name,
                Description = update.ClearDescription ? null : description ?? row.Description,
                Metadata = update.ClearMetadata ? null : metadata ?? row.Metadata,
            };
        });
    }

    public Experiment CompleteExperiment(string id, ExperimentStatus status)
    {
        Guard.Name(id);
        if (Guard.Defined(status) == ExperimentStatus.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "An experiment is closed as Completed or Cancelled; it runs from its creation on.");
        }

        return ChangeExperiment(id, (_, row, _) => row.Status == ExperimentStatus.Running
            ? row with { Status = status, CompletedAt = Math.Max(Time.Now(clock), row.CreatedAt) }
            : throw Errors.ExperimentClosed(id, row.Status));
    }

    public void DeleteExperiment(string id)
    {
        Guard.Name(id);
        engine.WriteRowLocked(rows =>
        {
            rows.DeleteExperiment(rows.FindExperimentForUpdate(id) ?? throw Errors.ExperimentNotFound(id));
            return (0, true);
        });
    }

    /// <summary>
    /// Stores a new experiment under the dataset's lock, or returns the stored one created from the same
    /// definition; returns null when the dataset is no longer the one the pin was resolved in.
    /// </summary>
    private (Experiment? Result, bool Changed) Store(IStoreWriter rows, string datasetId, ExperimentDraft draft, ExperimentPin pin)
    {
        var dataset = DatasetRules.RequireForUpdate(rows, datasetId);
        if (dataset.Key != pin.DatasetKey)
        {
            return (null, false);
        }

        if (draft.IdGiven && rows.FindExperiment(draft.Id) is { } stored)
        {
            return (Same(stored, dataset, draft), false);
        }

        var source = draft.CarryFrom is null ? null : ExperimentCarry.Source(rows, dataset, draft.CarryFrom, draft.TaskVersion);
        var sequence = rows.NextExperimentSequence(dataset.Key);
        var name = draft.Name ?? ExperimentNames.Default(sequence);
        ExperimentNames.CheckNotAnotherDefault(name, sequence, "definition.Name");
        if (rows.FindExperimentByNameKey(dataset.Key, DatasetRow.KeyOfName(name)) is not null)
        {
            throw Errors.ExperimentNameTaken(name);
        }

        var row = new ExperimentRow(
            draft.Id, dataset.Key, sequence, name, pin.Version, draft.Pin, draft.ResolvedFrom, pin.Fingerprint, draft.Scope?.Stored,
            draft.Repetitions, draft.TaskVersion, draft.Scorers, draft.Description, draft.Metadata, ExperimentStatus.Running,
            ExpectedRuns: pin.Items * draft.Repetitions, Recorded: 0, Succeeded: 0, Failed: 0, Carried: 0, Time.Now(clock), CompletedAt: null,
            draft.Policy, source?.Id);
        if (source is not null)
        {
            // The copies go in before the experiment row, in the order result writes take the two (results, then experiments).
            var carried = ExperimentCarry.Copy(rows, dataset, source, row, draft.Rules);
            row = row with { Recorded = carried, Succeeded = carried, Carried = carried };
        }

        rows.InsertExperiment(row);
        return (row.ToExperiment(datasetId), true);
    }

    /// <summary>Returns a stored experiment that the same definition created, or throws <see cref="ErrorCode.ExperimentIdTaken"/>.</summary>
    private static Experiment Same(ExperimentRow stored, DatasetRow dataset, ExperimentDraft draft) =>
        draft.DifferenceFrom(stored, dataset.Key) is { } difference ? throw Errors.ExperimentIdTaken(draft.Id, difference) : stored.ToExperiment(dataset.Id);

    /// <summary>
    /// Changes one experiment under the lock of its row alone (see the remarks on the class): <paramref name="change"/>
    /// gets the rows, the experiment and its dataset's id, and returns the experiment as it is to be.
    /// </summary>
    private Experiment ChangeExperiment(string id, Func<IStoreWriter, ExperimentRow, string, ExperimentRow> change) =>
        engine.WriteRowLocked(rows =>
        {
            var row = rows.FindExperimentForUpdate(id) ?? throw Errors.ExperimentNotFound(id);
            var datasetId = rows.FindDatasetByKey(row.DatasetKey)?.Id ?? throw Errors.ExperimentNotFound(id);
            var changed = change(rows, row, datasetId);
            if (changed == row)
            {
                return (row.ToExperiment(datasetId), false);
            }

            rows.UpdateExperiment(changed);
            return (changed.ToExperiment(datasetId), true);
        });
}
