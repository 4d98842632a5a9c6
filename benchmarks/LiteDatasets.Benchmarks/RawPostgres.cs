using LiteDatasets.Json;
using LiteDatasets.PostgreSql;
using LiteDatasets.PostgreSql.Schema;
using LiteDatasets.Storage;
using Npgsql;
using NpgsqlTypes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// The PostgreSQL baseline: plain Npgsql on the store's own tables and indexes (made by the store's migrations,
/// statements from <see cref="StoreSql"/>), writing and reading the same rows the store does, without any of the
/// store's logic (no validation, no row lock, no fingerprints, no JSON parsing).
/// </summary>
public static class RawPostgres
{
    /// <summary>
    /// A data source with the settings the store gives its own (automatic preparation of up to 64 statements), so
    /// that both sides skip parsing and planning after the first call.
    /// </summary>
    public static NpgsqlDataSource DataSource(string connectionString) =>
        new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString).Build();

    /// <summary>Runs one statement outside any transaction.</summary>
    public static void Execute(NpgsqlDataSource source, string text)
    {
        using var command = source.CreateCommand(text);
        command.ExecuteNonQuery();
    }

    /// <summary>Drops a schema with everything in it.</summary>
    public static void DropSchema(NpgsqlDataSource source, string schema) =>
        Execute(source, "DROP SCHEMA IF EXISTS " + StoreSql.Quote(schema) + " CASCADE");

    /// <summary>Gets a dataset's key (the first column of every index) from its id.</summary>
    internal static int DatasetKey(NpgsqlDataSource source, StoreSql sql, string datasetId)
    {
        using var command = source.CreateCommand($"SELECT key FROM {sql.Quoted}.datasets WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = datasetId });
        return (int)command.ExecuteScalar()!;
    }

    /// <summary>Builds the revision rows the store would write for drafts, encoded ahead of time.</summary>
    internal static List<RevisionRow> Rows(int datasetKey, IEnumerable<ItemDraft> drafts, long firstSeq, long version)
    {
        var at = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        return drafts.Select((d, i) =>
        {
            var content = ItemContent.Encode(d.Input, d.ExpectedOutput, d.Metadata);
            return new RevisionRow(0, datasetKey, Guid.CreateVersion7().ToString(), firstSeq + i, version, RevisionRow.Open, d.ExternalId, content.Input, content.Expected, content.Metadata, at, at);
        }).ToList();
    }

    /// <summary>Binary COPY of revision rows, the way the store writes 32 rows or more.</summary>
    internal static void Copy(NpgsqlConnection connection, StoreSql sql, IReadOnlyList<RevisionRow> rows) =>
        PostgresRows.Copy(connection, sql, rows);

    /// <summary>INSERT of one revision row (the store's statement for fewer than 32 rows).</summary>
    internal static void Insert(NpgsqlConnection connection, StoreSql sql, RevisionRow row)
    {
        using var command = new NpgsqlCommand(sql.InsertRevision, connection);
        command.Parameters.AddRange(PostgresRows.RevisionParameters(row));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One UPDATE of the dataset row for a commit (version, count, last sequence number, times), returning the new
    /// version; it also takes the row's lock, as the store's <c>SELECT … FOR UPDATE</c> does.
    /// </summary>
    internal static long BumpDataset(NpgsqlConnection connection, StoreSql sql, int datasetKey, int added, long lastSeq)
    {
        using var command = new NpgsqlCommand(
            $"UPDATE {sql.Quoted}.datasets SET version = version + 1, item_count = item_count + $2, last_seq = GREATEST(last_seq, $3), updated_at = $4, last_version_at = $4 WHERE key = $1 RETURNING version",
            connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = datasetKey });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = added });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lastSeq });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() });
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>INSERT of one version row, the store's statement.</summary>
    internal static void InsertVersion(NpgsqlConnection connection, StoreSql sql, int datasetKey, long version, int added, int updated, long lastSeq)
    {
        using var command = new NpgsqlCommand(sql.InsertVersion, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = datasetKey });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() });
        command.Parameters.Add(Bytes(null));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = added });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = updated });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 0 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = false });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lastSeq });
        command.Parameters.Add(Bytes(new byte[32]));
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [] });
        command.ExecuteNonQuery();
    }

    /// <summary>Reads every row of a query, touching every column (as any reader of the rows must); returns the row count.</summary>
    public static int ReadAll(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            ReadRow(reader);
            rows++;
        }

        return rows;
    }

    /// <summary>Reads the columns of one row of <see cref="StoreSql.RevisionColumns"/> into .NET values.</summary>
    internal static (long RowId, string ItemId, byte[] Input, byte[]? Expected, byte[]? Metadata) ReadRow(NpgsqlDataReader reader)
    {
        var rowId = reader.GetInt64(0);
        _ = reader.GetInt32(1);
        var itemId = reader.GetString(2);
        _ = reader.GetInt64(3) + reader.GetInt64(4) + reader.GetInt64(5);
        _ = reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6);
        var input = reader.GetFieldValue<byte[]>(7);
        var expected = reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8);
        var metadata = reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9);
        _ = reader.GetInt64(10) + reader.GetInt64(11);
        return (rowId, itemId, input, expected, metadata);
    }

    internal static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    internal static NpgsqlParameter Bytes(byte[]? value) => new() { NpgsqlDbType = NpgsqlDbType.Bytea, Value = (object?)value ?? DBNull.Value };
}
