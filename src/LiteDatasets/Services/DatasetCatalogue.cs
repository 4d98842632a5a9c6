using System.Text.Json.Nodes;
using LiteDatasets.Json;
using LiteDatasets.Schemas;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>The catalogue of datasets: creating, finding, changing (schema changes are versions), deleting and listing them.</summary>
/// <param name="engine">The storage engine.</param>
/// <param name="clock">The clock of every timestamp.</param>
/// <param name="patternTimeBudget">The pattern-matching time of a schema change's check of the live items (see <see cref="PatternBudget"/>).</param>
internal sealed class DatasetCatalogue(IStorageEngine engine, TimeProvider clock, TimeSpan patternTimeBudget)
{
    public Dataset CreateDataset(DatasetDefinition definition)
    {
        Guard.NotNull(definition);
        var name = Guard.Name(definition.Name, nameof(definition) + ".Name");
        var id = definition.Id is null ? Guid.CreateVersion7().ToString() : Guard.Name(definition.Id, nameof(definition) + ".Id");
        var metadata = EncodeDefinitionPart(definition.Metadata, "metadata");
        var inputSchema = EncodeDefinitionPart(definition.InputSchema, "inputSchema");
        var outputSchema = EncodeDefinitionPart(definition.ExpectedOutputSchema, "expectedOutputSchema");
        SchemaCheck.Validate(inputSchema, outputSchema);

        return engine.Write(null, rows =>
        {
            // The key first: taking it serialises creations, so the checks below see every dataset created before.
            var key = rows.NextDatasetKey();
            if (rows.FindDataset(id) is not null)
            {
                throw Errors.DatasetIdTaken(id);
            }

            if (rows.FindDatasetByNameKey(DatasetRow.KeyOfName(name)) is not null)
            {
                throw Errors.DatasetNameTaken(name);
            }

            var now = Time.Now(clock);
            var dataset = new DatasetRow(id, key, name, definition.Description, metadata, inputSchema, outputSchema, 0, 0, 0, Fingerprint.Empty, now, now, now);
            rows.InsertDataset(dataset);
            rows.InsertSchemas(new SchemaRow(key, 0, inputSchema, outputSchema));
            return (dataset.ToDataset(), true);
        });
    }

    public Dataset? GetDataset(string id)
    {
        Guard.Name(id);
        return engine.Read(rows => rows.FindDataset(id)?.ToDataset());
    }

    public Dataset GetDataset(string id, long version)
    {
        Guard.Name(id);
        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, id);
            DatasetRules.CheckVersion(dataset, version);
            var schemas = rows.SchemasAt(dataset.Key, version);

            // The dataset as it was at the version: its count and schemas then, its name and metadata now.
            return (dataset with
            {
                Version = version,
                ItemCount = DatasetRules.ItemCountAt(rows, dataset, version),
                InputSchemaText = schemas?.InputSchemaText,
                ExpectedOutputSchemaText = schemas?.ExpectedOutputSchemaText,
            }).ToDataset();
        });
    }

    public Dataset? FindDataset(string name)
    {
        Guard.Name(name);
        return engine.Read(rows => rows.FindDatasetByNameKey(DatasetRow.KeyOfName(name))?.ToDataset());
    }

    public Dataset UpdateDataset(string id, DatasetUpdate update, WriteOptions? options)
    {
        Guard.Name(id);
        Guard.NotNull(update);
        var name = update.Name is null ? null : Guard.Name(update.Name, nameof(update) + ".Name");
        DatasetRules.CheckClearConflict(update.Description is not null, update.ClearDescription, "Description");
        DatasetRules.CheckClearConflict(update.Metadata is not null, update.ClearMetadata, "Metadata");
        DatasetRules.CheckClearConflict(update.InputSchema is not null, update.ClearInputSchema, "InputSchema");
        DatasetRules.CheckClearConflict(update.ExpectedOutputSchema is not null, update.ClearExpectedOutputSchema, "ExpectedOutputSchema");
        var metadata = EncodeDefinitionPart(update.Metadata, "metadata");
        var inputSchema = EncodeDefinitionPart(update.InputSchema, "inputSchema");
        var outputSchema = EncodeDefinitionPart(update.ExpectedOutputSchema, "expectedOutputSchema");
        SchemaCheck.Validate(inputSchema, outputSchema);

        return engine.Write(id, rows =>
        {
            var dataset = DatasetRules.RequireForUpdate(rows, id);
            DatasetRules.CheckExpectedVersion(dataset, options);
            if (name is not null && DatasetRow.KeyOfName(name) != dataset.NameKey && rows.FindDatasetByNameKey(DatasetRow.KeyOfName(name)) is not null)
            {
                throw Errors.DatasetNameTaken(name);
            }

            // A schema equal to the one in force (keys reordered, say) is no change: the stored text stays.
            var newInputSchema = update.ClearInputSchema ? null : inputSchema ?? dataset.InputSchemaText;
            var newOutputSchema = update.ClearExpectedOutputSchema ? null : outputSchema ?? dataset.ExpectedOutputSchemaText;
            newInputSchema = SameJson(newInputSchema, dataset.InputSchemaText) ? dataset.InputSchemaText : newInputSchema;
            newOutputSchema = SameJson(newOutputSchema, dataset.ExpectedOutputSchemaText) ? dataset.ExpectedOutputSchemaText : newOutputSchema;
            var schemaChanged = newInputSchema != dataset.InputSchemaText || newOutputSchema != dataset.ExpectedOutputSchemaText;
            var updated = dataset with
            {
                Name = name ?? dataset.Name,
                Description = update.ClearDescription ? null : update.Description ?? dataset.Description,
                MetadataText = update.ClearMetadata ? null : metadata ?? dataset.MetadataText,
                InputSchemaText = newInputSchema,
                ExpectedOutputSchemaText = newOutputSchema,
            };
            if (updated == dataset)
            {
                return (dataset.ToDataset(), false);
            }

            var now = Time.Now(clock);
            if (schemaChanged)
            {
                // Inside the unit of work and under the dataset's lock: no write can slip in between the check
                // of the live items and the change of the schema.
                CheckLiveItems(rows, dataset, SchemaCheck.For(newInputSchema, newOutputSchema, new PatternBudget(patternTimeBudget), "The schema change"));
                var at = Math.Max(now, dataset.LastVersionAt);
                var version = dataset.Version + 1;
                updated = updated with { Version = version, LastVersionAt = at };
                rows.InsertVersion(new VersionRow(dataset.Key, version, at, options?.Message ?? "Changed the schemas", 0, 0, 0, dataset.ItemCount, true, dataset.LastSeq, dataset.Fingerprint, []));
                rows.InsertSchemas(new SchemaRow(dataset.Key, version, newInputSchema, newOutputSchema));
            }

            updated = updated with { UpdatedAt = Math.Max(now, dataset.UpdatedAt) };
            rows.UpdateDataset(updated);
            return (updated.ToDataset(), true);
        });
    }

    public void DeleteDataset(string id)
    {
        Guard.Name(id);
        engine.Write(id, rows =>
        {
            rows.DeleteDataset(DatasetRules.RequireForUpdate(rows, id));
            return (0, true);
        });
    }

    public DatasetPage ListDatasets(DatasetQuery? query)
    {
        query ??= new DatasetQuery();
        var pageSize = Guard.PageSize(query.PageSize, nameof(query) + ".PageSize");
        var after = query.After is null ? null : PageCursor.DecodeDatasetCursor(query.After);
        return engine.Read(rows =>
        {
            var matching = rows.Datasets()
                .Where(d => query.NameContains is null || d.Name.Contains(query.NameContains, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var start = after is null ? 0 : matching.FindIndex(d => string.CompareOrdinal(d.NameKey, after) > 0);
            var page = start < 0 ? [] : matching.Skip(start).Take(pageSize + 1).ToList();
            var next = page.Count > pageSize ? PageCursor.EncodeDatasetCursor(page[pageSize - 1].NameKey) : null;
            return new DatasetPage(page.Take(pageSize).Select(d => d.ToDataset()).ToList(), matching.Count, next);
        });
    }

    /// <summary>Checks every live item against new schemas; refuses the change, listing the failures, if any fails.</summary>
    public static void CheckLiveItems(IStoreReader rows, DatasetRow dataset, SchemaCheck check)
    {
        if (check.IsEmpty)
        {
            return;
        }

        foreach (var row in SnapshotReader.Open(rows, dataset, dataset.Version).Scan(rows, RevisionPosition.Start, SnapshotReader.Chunk))
        {
            check.Check(null, row.ItemId, row.Input, row.Expected);
        }

        check.ThrowIfFailed();
    }

    private static bool SameJson(string? a, string? b) =>
        a is null || b is null || a == b
            ? a == b
            : PayloadEncoder.CanonicalOfStored(a) == PayloadEncoder.CanonicalOfStored(b);

    private static string? EncodeDefinitionPart(JsonNode? node, string part)
    {
        if (ItemContent.IsNull(node))
        {
            return null;
        }

        try
        {
            return PayloadEncoder.ToStoredText(node!);
        }
        catch (PayloadProblem problem)
        {
            throw Errors.InvalidDefinition("/" + part + problem.Pointer, problem.Problem);
        }
    }
}
