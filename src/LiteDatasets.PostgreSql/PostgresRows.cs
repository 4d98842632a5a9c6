using System.Text;
using LiteDatasets.PostgreSql.Schema;
using LiteDatasets.Storage;
using Npgsql;
using NpgsqlTypes;

namespace LiteDatasets.PostgreSql;

/// <summary>
/// The storage port's queries and writes over one connection inside one transaction (see
/// <see cref="PostgresEngine"/>). Every query is one statement on one index (<see cref="StoreSql"/>) and is read to
/// the end before it returns. Free text that may hold U+0000 (descriptions, messages, external ids) is kept as
/// UTF-8 bytes, because PostgreSQL's text type cannot hold that character.
/// </summary>
/// <remarks>
/// Writes are queued and sent together, in one round trip, before the next query or the commit
/// (<see cref="Flush"/>): none needs an answer, and a write call ends with several (revisions, a version, the
/// dataset's row). A failure of a queued write therefore surfaces at the next query or at the commit.
/// </remarks>
internal sealed partial class PostgresRows(NpgsqlConnection connection, StoreSql sql, bool hasExperimentTables = true, bool hasCacheTable = true, bool hasCarryColumns = true) : IStoreWriter
{
    // Fewer rows than this are inserted in one batch of INSERTs; more go through binary COPY.
    private const int CopyThreshold = 32;

    private readonly List<QueuedWrite> _queue = [];

    /// <summary>Gets how many commands (queries, batches of writes, copies) have been sent so far.</summary>
    public int Commands { get; private set; }

    /// <summary>Gets the connection, inside the unit's transaction (for checks only SQL can make).</summary>
    public NpgsqlConnection Connection => connection;

    public DatasetRow? FindDataset(string id) => Single(sql.FindDataset, ReadDataset, Text(id));

    public DatasetRow? FindDatasetForUpdate(string id) => Single(sql.FindDatasetForUpdate, ReadDataset, Text(id));

    public DatasetRow? FindDatasetByNameKey(string nameKey) => Single(sql.FindDatasetByNameKey, ReadDataset, Text(nameKey));

    public DatasetRow? FindDatasetByKey(int key) => Single(sql.FindDatasetByKey, ReadDataset, Int(key));

    public IReadOnlyList<DatasetRow> Datasets()
    {
        // Ordered here: the port's order is .NET's ordinal (UTF-16) order, which the server's collations do not give.
        var rows = List(sql.AllDatasets, ReadDataset);
        rows.Sort(static (a, b) => string.CompareOrdinal(a.NameKey, b.NameKey));
        return rows;
    }

    public RevisionRow? LatestRevision(int datasetKey, string itemId, long version) =>
        Single(sql.LatestRevision, ReadRevision, Int(datasetKey), Text(itemId), Long(version));

    public IReadOnlyList<RevisionRow> ItemRevisions(int datasetKey, string itemId, long version) =>
        List(sql.ItemRevisions, ReadRevision, Int(datasetKey), Text(itemId), Long(version));

    public IReadOnlyList<RevisionRow> RevisionsByExternalId(int datasetKey, string externalId, long validTo) =>
        List(sql.RevisionsByExternalId, ReadRevision, Int(datasetKey), Utf8(externalId), Long(validTo));

    public IReadOnlyList<RevisionRow> LiveRevisions(int datasetKey, long fromSeq, long toSeq, int limit) =>
        List(sql.LiveRevisions, ReadRevision, Int(datasetKey), Long(RevisionRow.Open), Long(fromSeq), Long(toSeq), Int(limit));

    public IReadOnlyList<RevisionRow> RevisionsClosedIn(int datasetKey, long fromVersion, long toVersion) =>
        List(sql.RevisionsClosedIn, ReadRevision, Int(datasetKey), Long(fromVersion), Long(toVersion));

    public IReadOnlyList<RevisionRow> RevisionsInOrder(int datasetKey, RevisionPosition after, long lastSeq, int limit) =>
        List(sql.RevisionsInOrder, ReadRevision, Int(datasetKey), Long(after.Seq), Long(after.ValidFrom), Long(lastSeq), Int(limit));

    public VersionRow? FindVersion(int datasetKey, long number) => Single(sql.FindVersion, ReadVersion, Int(datasetKey), Long(number));

    public IReadOnlyList<VersionRow> Versions(int datasetKey, long from, long to, int limit, bool newestFirst) =>
        List(newestFirst ? sql.VersionsNewestFirst : sql.VersionsOldestFirst, ReadVersion, Int(datasetKey), Long(from), Long(to), Int(limit));

    public TagRow? FindTag(int datasetKey, string name) => Single(sql.FindTag, ReadTag, Int(datasetKey), Text(name));

    public IReadOnlyList<TagRow> Tags(int datasetKey) => List(sql.Tags, ReadTag, Int(datasetKey));

    public SchemaRow? SchemasAt(int datasetKey, long version) =>
        Single(sql.SchemasAt, static r => new SchemaRow(r.GetInt32(0), r.GetInt64(1), NullableText(r, 2), NullableText(r, 3)), Int(datasetKey), Long(version));

    public int NextDatasetKey()
    {
        using var command = Command(sql.NextDatasetKey);
        return (int)command.ExecuteScalar()!;
    }

    public void InsertDataset(DatasetRow row) => WriteDataset(sql.InsertDataset, row);

    public void UpdateDataset(DatasetRow row) => WriteDataset(sql.UpdateDataset, row);

    public void DeleteDataset(DatasetRow row)
    {
        foreach (var text in sql.DeleteDataset)
        {
            Queue(text, Int(row.Key));
        }
    }

    public void InsertRevisions(IReadOnlyList<RevisionRow> rows)
    {
        if (rows.Count >= CopyThreshold)
        {
            CopyRevisions(rows);
            return;
        }

        foreach (var row in rows)
        {
            Queue(sql.InsertRevision, RevisionParameters(row));
        }
    }

    public void CloseRevisions(IReadOnlyList<RevisionRow> rows, long validTo)
    {
        var ids = new long[rows.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = rows[i].RowId;
        }

        Queue(sql.CloseRevisions, Long(validTo), new NpgsqlParameter<long[]> { TypedValue = ids });
    }

    public void InsertVersion(VersionRow row) => Queue(
        sql.InsertVersion,
        Int(row.DatasetKey),
        Long(row.Number),
        Long(row.CreatedAt),
        Utf8(row.Message),
        Int(row.Added),
        Int(row.Updated),
        Int(row.Deleted),
        Long(row.ItemCount),
        new NpgsqlParameter<bool> { TypedValue = row.SchemaChanged },
        Long(row.LastSeq),
        Bytes(row.Fingerprint),
        new NpgsqlParameter<string[]> { TypedValue = [.. row.Revived] });

    public void InsertSchemas(SchemaRow row) =>
        Queue(sql.InsertSchemas, Int(row.DatasetKey), Long(row.Version), Text(row.InputSchemaText), Text(row.ExpectedOutputSchemaText));

    public void InsertTag(TagRow row) => Queue(sql.InsertTag, Int(row.DatasetKey), Text(row.Name), Long(row.Version));

    public void UpdateTag(TagRow row) => Queue(sql.UpdateTag, Long(row.RowId), Long(row.Version));

    public void DeleteTag(TagRow row) => Queue(sql.DeleteTag, Long(row.RowId));

    /// <summary>
    /// Writes a dataset row. Writes that create or rename datasets in other processes can race for a name between
    /// the rules' check and this write; the unique index decides, and the loser gets the rules' own error.
    /// </summary>
    private void WriteDataset(string text, DatasetRow row) =>
        _queue.Add(new QueuedWrite(text, DatasetParameters(row), ex =>
            ex.SqlState != PostgresErrorCodes.UniqueViolation ? null
            : ex.ConstraintName == "datasets_id_key" ? Errors.DatasetIdTaken(row.Id) : Errors.DatasetNameTaken(row.Name)));

    /// <summary>Sends the queued writes, in order, in one round trip.</summary>
    /// <exception cref="LiteDatasetsException">A queued write broke a rule the server checks (a dataset name taken meanwhile).</exception>
    public void Flush()
    {
        if (_queue.Count == 0)
        {
            return;
        }

        var queued = _queue.ToArray();
        _queue.Clear();
        Commands++;
        using var batch = new NpgsqlBatch(connection);
        foreach (var write in queued)
        {
            var command = new NpgsqlBatchCommand(write.Text);
            command.Parameters.AddRange(write.Parameters);
            batch.BatchCommands.Add(command);
        }

        try
        {
            batch.ExecuteNonQuery();
        }
        catch (PostgresException ex) when (ex.BatchCommand is { } failed && queued[batch.BatchCommands.IndexOf(failed)].Explain?.Invoke(ex) is { } known)
        {
            throw known;
        }
    }

    private void CopyRevisions(IReadOnlyList<RevisionRow> rows)
    {
        Flush();
        Commands++;
        Copy(connection, sql, rows);
    }

    /// <summary>Writes revision rows with one binary COPY (also the raw baseline's bulk write in the benchmarks).</summary>
    internal static void Copy(NpgsqlConnection connection, StoreSql sql, IReadOnlyList<RevisionRow> rows)
    {
        using var writer = connection.BeginBinaryImport(sql.CopyRevisions);
        foreach (var row in rows)
        {
            writer.StartRow();
            writer.Write(row.DatasetKey, NpgsqlDbType.Integer);
            writer.Write(row.ItemId, NpgsqlDbType.Text);
            writer.Write(row.Seq, NpgsqlDbType.Bigint);
            writer.Write(row.ValidFrom, NpgsqlDbType.Bigint);
            writer.Write(row.ValidTo, NpgsqlDbType.Bigint);
            WriteNullable(writer, row.ExternalId is null ? null : Encoding.UTF8.GetBytes(row.ExternalId));
            writer.Write(row.Input, NpgsqlDbType.Bytea);
            WriteNullable(writer, row.Expected);
            WriteNullable(writer, row.Metadata);
            writer.Write(row.CreatedAt, NpgsqlDbType.Bigint);
            writer.Write(row.UpdatedAt, NpgsqlDbType.Bigint);
        }

        writer.Complete();
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Bytea);
        }
    }

    private static NpgsqlParameter[] DatasetParameters(DatasetRow row) =>
    [
        Text(row.Id), Int(row.Key), Text(row.Name), Utf8(row.Description), Text(row.MetadataText), Text(row.InputSchemaText),
        Text(row.ExpectedOutputSchemaText), Long(row.Version), Long(row.ItemCount), Long(row.LastSeq), Bytes(row.Fingerprint),
        Long(row.CreatedAt), Long(row.UpdatedAt), Long(row.LastVersionAt), Text(row.NameKey),
    ];

    /// <summary>The parameters of <see cref="StoreSql.InsertRevision"/> for a row (also used by the raw baseline in the benchmarks).</summary>
    internal static NpgsqlParameter[] RevisionParameters(RevisionRow row) =>
    [
        Int(row.DatasetKey), Text(row.ItemId), Long(row.Seq), Long(row.ValidFrom), Long(row.ValidTo), Utf8(row.ExternalId),
        Bytes(row.Input), Bytes(row.Expected), Bytes(row.Metadata), Long(row.CreatedAt), Long(row.UpdatedAt),
    ];

    private static DatasetRow ReadDataset(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetString(2), NullableUtf8(r, 3), NullableText(r, 4), NullableText(r, 5), NullableText(r, 6),
        r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetFieldValue<byte[]>(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13));

    /// <summary>Reads a row of <see cref="StoreSql.RevisionColumns"/>.</summary>
    internal static RevisionRow ReadRevision(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), NullableUtf8(r, 6),
        r.GetFieldValue<byte[]>(7), NullableBytes(r, 8), NullableBytes(r, 9), r.GetInt64(10), r.GetInt64(11));

    private static VersionRow ReadVersion(NpgsqlDataReader r) => new(
        r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), NullableUtf8(r, 3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt64(7),
        r.GetBoolean(8), r.GetInt64(9), r.GetFieldValue<byte[]>(10), r.GetFieldValue<string[]>(11));

    private static TagRow ReadTag(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3));

    private static string? NullableText(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static byte[]? NullableBytes(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<byte[]>(i);

    private static string? NullableUtf8(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Encoding.UTF8.GetString(r.GetFieldValue<byte[]>(i));

    private static NpgsqlParameter<int> Int(int value) => new() { TypedValue = value };

    private static NpgsqlParameter<long> Long(long value) => new() { TypedValue = value };

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Bytes(byte[]? value) => new() { NpgsqlDbType = NpgsqlDbType.Bytea, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Utf8(string? value) => Bytes(value is null ? null : Encoding.UTF8.GetBytes(value));

    /// <summary>Makes a query: the queued writes go first, so that it sees them.</summary>
    private NpgsqlCommand Command(string text, params NpgsqlParameter[] parameters)
    {
        Flush();
        Commands++;
        var command = new NpgsqlCommand(text, connection);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private void Queue(string text, params NpgsqlParameter[] parameters) => _queue.Add(new QueuedWrite(text, parameters, null));

    private T? Single<T>(string text, Func<NpgsqlDataReader, T> read, params NpgsqlParameter[] parameters)
        where T : class
    {
        using var command = Command(text, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : null;
    }

    private List<T> List<T>(string text, Func<NpgsqlDataReader, T> read, params NpgsqlParameter[] parameters)
    {
        using var command = Command(text, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>A write waiting for <see cref="Flush"/>; <paramref name="Explain"/> turns a server error it causes into the rules' own error, or null.</summary>
    private sealed record QueuedWrite(string Text, NpgsqlParameter[] Parameters, Func<PostgresException, Exception?>? Explain);
}
