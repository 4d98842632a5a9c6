using System.Text.Json.Nodes;
using LiteDatasets.Json;
using LiteDatasets.Schemas;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>Creates a dataset at version 0, empty.</summary>
    /// <param name="definition">Its name and optional id, description, metadata and schemas.</param>
    /// <returns>The new dataset.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNameTaken"/> or <see cref="ErrorCode.DatasetIdTaken"/>.</exception>
    public Dataset CreateDataset(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = Guard.Name(definition.Name, nameof(definition) + ".Name");
        var id = definition.Id is null ? Guid.CreateVersion7().ToString() : Guard.Name(definition.Id, nameof(definition) + ".Id");
        var metadata = EncodeDefinitionPart(definition.Metadata, "metadata");
        var inputSchema = EncodeDefinitionPart(definition.InputSchema, "inputSchema");
        var outputSchema = EncodeDefinitionPart(definition.ExpectedOutputSchema, "expectedOutputSchema");
        SchemaCheck.For(inputSchema, outputSchema);

        return Write(null, () =>
        {
            var counters = MetaRows.Query().Where(Expressions.Get("_id = @0", "counters")).ForUpdate().First();
            if (Expressions.FindById(DatasetRows, id) is not null)
            {
                throw Errors.DatasetIdTaken(id);
            }

            if (FindByName(name) is not null)
            {
                throw Errors.DatasetNameTaken(name);
            }

            var key = counters["datasetKey"].AsInt32 + 1;
            counters["datasetKey"] = key;
            MetaRows.Update(counters);

            var now = Now();
            var record = new DatasetRecord(id, key, name, definition.Description, metadata, inputSchema, outputSchema, 0, 0, 0, Fingerprint.Empty, now, now, now);
            DatasetRows.Insert(record.ToDocument());
            SchemaRows.Insert(SchemaDocument(key, 0, inputSchema, outputSchema));
            return (record.ToDataset(), true);
        });
    }

    /// <summary>Gets a dataset as it is now.</summary>
    /// <param name="id">The dataset's id.</param>
    /// <returns>The dataset, or <see langword="null"/> if no dataset has that id.</returns>
    public Dataset? GetDataset(string id)
    {
        Guard.Name(id);
        return Read(() => LoadDataset(id)?.ToDataset());
    }

    /// <summary>
    /// Gets a dataset's definition as it applies to a version: its current name, description and metadata,
    /// with the schemas in force at <paramref name="version"/>, and that version's number and item count.
    /// </summary>
    /// <param name="id">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>.</param>
    /// <returns>The dataset as of that version.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    public Dataset GetDataset(string id, long version)
    {
        Guard.Name(id);
        return Read(() =>
        {
            var record = RequireDataset(id);
            CheckVersion(record, version);
            var schemas = SchemaRows.Query()
                .Where(Expressions.Get(StoreSchema.SchemaByVersion + " BETWEEN @0 AND @1", new BsonArray { record.Key, BsonValue.MinValue }, new BsonArray { record.Key, version }))
                .OrderByDescending(Expressions.Get(StoreSchema.SchemaByVersion))
                .Limit(1)
                .FirstOrDefault();

            // The dataset as it was at the version: its count and schemas then, its name and metadata now.
            return (record with
            {
                Version = version,
                ItemCount = ItemCountAt(record, version),
                InputSchemaText = OptionalText(schemas, "isch"),
                ExpectedOutputSchemaText = OptionalText(schemas, "osch"),
            }).ToDataset();
        });
    }

    /// <summary>Finds a dataset by name, ignoring case.</summary>
    /// <param name="name">The name to look for.</param>
    /// <returns>The dataset, or <see langword="null"/> if none has that name.</returns>
    public Dataset? FindDataset(string name)
    {
        Guard.Name(name);
        return Read(() => FindByName(name)?.ToDataset());
    }

    /// <summary>Changes a dataset's name, description, metadata or schemas.</summary>
    /// <param name="id">The dataset's id.</param>
    /// <param name="update">The changes; null properties keep their value.</param>
    /// <returns>The dataset after the change.</returns>
    public Dataset UpdateDataset(string id, DatasetUpdate update) => UpdateDataset(id, update, null);

    /// <summary>
    /// Changes a dataset's name, description, metadata or schemas. Renaming and editing the description or
    /// metadata create no version; setting, changing or removing a schema creates one (with no item changes),
    /// so that a version fixes both the items and the schemas in force.
    /// </summary>
    /// <param name="id">The dataset's id.</param>
    /// <param name="update">The changes; null properties keep their value.</param>
    /// <param name="options">The message of a schema version and the expected current version.</param>
    /// <returns>The dataset after the change.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.DatasetNameTaken"/> or <see cref="ErrorCode.VersionConflict"/>.</exception>
    public Dataset UpdateDataset(string id, DatasetUpdate update, WriteOptions? options)
    {
        Guard.Name(id);
        ArgumentNullException.ThrowIfNull(update);
        var name = update.Name is null ? null : Guard.Name(update.Name, nameof(update) + ".Name");
        CheckClearConflict(update.Description is not null, update.ClearDescription, "Description");
        CheckClearConflict(update.Metadata is not null, update.ClearMetadata, "Metadata");
        CheckClearConflict(update.InputSchema is not null, update.ClearInputSchema, "InputSchema");
        CheckClearConflict(update.ExpectedOutputSchema is not null, update.ClearExpectedOutputSchema, "ExpectedOutputSchema");
        var metadata = EncodeDefinitionPart(update.Metadata, "metadata");
        var inputSchema = EncodeDefinitionPart(update.InputSchema, "inputSchema");
        var outputSchema = EncodeDefinitionPart(update.ExpectedOutputSchema, "expectedOutputSchema");
        SchemaCheck.For(inputSchema, outputSchema);

        return Write(id, () =>
        {
            var record = RequireDatasetForUpdate(id);
            CheckExpectedVersion(record, options);
            if (name is not null && DatasetRecord.NameKey(name) != DatasetRecord.NameKey(record.Name) && FindByName(name) is not null)
            {
                throw Errors.DatasetNameTaken(name);
            }

            // A schema equal to the one in force (keys reordered, say) is no change: the stored text stays.
            var newInputSchema = update.ClearInputSchema ? null : inputSchema ?? record.InputSchemaText;
            var newOutputSchema = update.ClearExpectedOutputSchema ? null : outputSchema ?? record.ExpectedOutputSchemaText;
            newInputSchema = SameJson(newInputSchema, record.InputSchemaText) ? record.InputSchemaText : newInputSchema;
            newOutputSchema = SameJson(newOutputSchema, record.ExpectedOutputSchemaText) ? record.ExpectedOutputSchemaText : newOutputSchema;
            var schemaChanged = newInputSchema != record.InputSchemaText || newOutputSchema != record.ExpectedOutputSchemaText;
            var updated = record with
            {
                Name = name ?? record.Name,
                Description = update.ClearDescription ? null : update.Description ?? record.Description,
                MetadataText = update.ClearMetadata ? null : metadata ?? record.MetadataText,
                InputSchemaText = newInputSchema,
                ExpectedOutputSchemaText = newOutputSchema,
            };
            if (updated == record)
            {
                return (record.ToDataset(), false);
            }

            var now = Now();
            if (schemaChanged)
            {
                // Inside the transaction and under the dataset's lock: no write can slip in between the
                // check of the live items and the change of the schema.
                CheckLiveItems(record, SchemaCheck.For(newInputSchema, newOutputSchema));
                var at = Math.Max(now, record.LastVersionAt);
                var version = record.Version + 1;
                updated = updated with { Version = version, LastVersionAt = at };
                VersionRows.Insert(new VersionRecord(record.Key, version, at, options?.Message ?? "Changed the schemas", 0, 0, 0, record.ItemCount, true, record.LastSeq, record.Fingerprint).ToDocument());
                SchemaRows.Insert(SchemaDocument(record.Key, version, newInputSchema, newOutputSchema));
            }

            updated = updated with { UpdatedAt = Math.Max(now, record.UpdatedAt) };
            DatasetRows.Update(updated.ToDocument());
            return (updated.ToDataset(), true);
        });
    }

    /// <summary>Deletes a dataset with its items, history, versions and tags. Its id and name may then be reused.</summary>
    /// <param name="id">The dataset's id.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>.</exception>
    public void DeleteDataset(string id)
    {
        Guard.Name(id);
        Write(id, () =>
        {
            var record = RequireDatasetForUpdate(id);
            DatasetRows.Delete(id);
            var key = record.Key;
            RevisionRows.DeleteMany(Expressions.Get(StoreSchema.AllBySeq + " BETWEEN @0 AND @1", new BsonArray { key, BsonValue.MinValue, BsonValue.MinValue }, new BsonArray { key, BsonValue.MaxValue, BsonValue.MaxValue }));
            VersionRows.DeleteMany(Expressions.Get("_id BETWEEN @0 AND @1", VersionRecord.RowId(key, 0), VersionRecord.RowId(key + 1, 0) - 1));
            TagRows.DeleteMany(Expressions.Get(StoreSchema.TagByName + " BETWEEN @0 AND @1", new BsonArray { key, BsonValue.MinValue }, new BsonArray { key, BsonValue.MaxValue }));
            SchemaRows.DeleteMany(Expressions.Get(StoreSchema.SchemaByVersion + " BETWEEN @0 AND @1", new BsonArray { key, BsonValue.MinValue }, new BsonArray { key, BsonValue.MaxValue }));
            return (0, true);
        });
    }

    /// <summary>Lists datasets ordered by name (ignoring case), a page at a time.</summary>
    /// <param name="query">Page size, cursor and name filter; <see langword="null"/> for the first 50.</param>
    /// <returns>One page of datasets.</returns>
    public DatasetPage ListDatasets(DatasetQuery? query = null)
    {
        query ??= new DatasetQuery();
        var pageSize = Guard.PageSize(query.PageSize, nameof(query) + ".PageSize");
        var after = query.After is null ? null : PageCursor.DecodeDatasetCursor(query.After);
        return Read(() =>
        {
            var matching = DatasetRows.Query()
                .OrderBy(Expressions.Get("$.nk"))
                .ToEnumerable()
                .Select(DatasetRecord.From)
                .Where(d => query.NameContains is null || d.Name.Contains(query.NameContains, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var start = after is null ? 0 : matching.FindIndex(d => string.CompareOrdinal(DatasetRecord.NameKey(d.Name), after) > 0);
            var page = start < 0 ? [] : matching.Skip(start).Take(pageSize + 1).ToList();
            var next = page.Count > pageSize ? PageCursor.EncodeDatasetCursor(DatasetRecord.NameKey(page[pageSize - 1].Name)) : null;
            return new DatasetPage(page.Take(pageSize).Select(d => d.ToDataset()).ToList(), matching.Count, next);
        });
    }

    /// <summary>Checks every live item against new schemas; refuses the change, listing the failures, if any fails.</summary>
    private void CheckLiveItems(DatasetRecord record, SchemaCheck check)
    {
        if (check.IsEmpty)
        {
            return;
        }

        foreach (var row in Scan(OpenSnapshot(record, record.Version), ScanPosition.Start, ScanChunk))
        {
            check.Check(null, row.ItemId, row.Input, row.Expected);
        }

        check.ThrowIfFailed("The schema change");
    }

    private DatasetRecord? LoadDataset(string id) =>
        Expressions.FindById(DatasetRows, id) is { } doc ? DatasetRecord.From(doc) : null;

    private DatasetRecord RequireDataset(string id) => LoadDataset(id) ?? throw Errors.DatasetNotFound(id);

    /// <summary>Reads a dataset row taking the collection's write lock first, so the read cannot go stale before the write.</summary>
    private DatasetRecord RequireDatasetForUpdate(string id) =>
        DatasetRows.Query().Where(Expressions.Get("_id = @0", id)).ForUpdate().FirstOrDefault() is { } doc
            ? DatasetRecord.From(doc)
            : throw Errors.DatasetNotFound(id);

    private DatasetRecord? FindByName(string name) =>
        DatasetRows.Query().Where(Expressions.Get("$.nk = @0", DatasetRecord.NameKey(name))).FirstOrDefault() is { } doc ? DatasetRecord.From(doc) : null;

    private static void CheckExpectedVersion(DatasetRecord record, WriteOptions? options)
    {
        if (options?.ExpectedVersion is { } expected && expected != record.Version)
        {
            throw Errors.VersionConflict(record.Id, expected, record.Version);
        }
    }

    private static void CheckVersion(DatasetRecord record, long version)
    {
        if (version < 0 || version > record.Version)
        {
            throw Errors.VersionNotFound(record.Id, version, record.Version);
        }
    }

    private static void CheckClearConflict(bool set, bool clear, string property)
    {
        if (set && clear)
        {
            throw new ArgumentException($"Set {property} or Clear{property}, not both.", property);
        }
    }

    private static BsonDocument SchemaDocument(int key, long version, string? inputSchema, string? outputSchema)
    {
        var doc = new BsonDocument { ["d"] = key, ["n"] = version };
        if (inputSchema is not null)
        {
            doc["isch"] = inputSchema;
        }

        if (outputSchema is not null)
        {
            doc["osch"] = outputSchema;
        }

        return doc;
    }

    private static string? OptionalText(BsonDocument? doc, string field) =>
        doc is not null && doc.TryGetValue(field, out var value) && !value.IsNull ? value.AsString : null;

    private static bool SameJson(string? a, string? b) =>
        a is null || b is null || a == b
            ? a == b
            : PayloadEncoder.ToCanonicalText(PayloadEncoder.Parse(a)) == PayloadEncoder.ToCanonicalText(PayloadEncoder.Parse(b));

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
