using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace LiteDatasets.Transfer;

/// <summary>
/// Reads a Parquet file through Parquet.Net, one row group at a time, so that memory holds one row group and
/// never the whole file. Each row becomes an object of its columns (<see cref="ParquetValues"/>); a null cell is
/// JSON null, read as in JSONL (a null input is refused, a null expected output or metadata field is counted as lacking). String cells of the JSON columns (the native payload columns <c>input</c>,
/// <c>expectedOutput</c> and <c>metadata</c>, or the ones the options name) are parsed as JSON text. A record's
/// line is its row number (1-based, over all row groups).
/// </summary>
/// <remarks>
/// Parquet.Net only reads asynchronously; its tasks are waited for here, on the thread that enumerates, because
/// the records are consumed inside the store's write transaction, which must stay on one thread.
/// </remarks>
internal sealed class ParquetSource(Stream stream, string source, MappingPlan mapping, IReadOnlyList<string> jsonColumns, CancellationToken cancellationToken) : IRecordSource
{
    private static readonly string[] NativeJsonColumns = ["input", "expectedOutput", "metadata"];

    private static readonly JsonDocumentOptions CellOptions = new() { MaxDepth = Json.PayloadEncoder.MaxDepth, AllowDuplicateProperties = false };

    public IEnumerable<SourceRecord> Read()
    {
        // Parquet keeps its index at the end of the file, so the reader seeks; standard input is copied aside first.
        using var spill = stream.CanSeek ? null : Spill(stream);
        var input = spill ?? stream;
        var start = input.Position;
        var groups = CountRowGroups(input);
        var json = new HashSet<string>(mapping.IsNative ? NativeJsonColumns : jsonColumns, StringComparer.Ordinal);
        long row = 0;
        for (var group = 0; group < groups; group++)
        {
            input.Position = start;
            var (rows, schema) = ReadRowGroup(input, group);
            // Parquet.Net leaves null cells out of a row; the schema names every column.
            var columns = schema.Fields.Select(field => field.Name).ToArray();
            foreach (var cells in rows)
            {
                row++;
                yield return ToRecord(row, columns, cells, json);
            }
        }
    }

    private int CountRowGroups(Stream input)
    {
        try
        {
            var reader = Wait(ParquetReader.CreateAsync(input, null, leaveStreamOpen: true, cancellationToken));
            var count = reader.RowGroupCount;
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw TransferErrors.Fatal(source, 0, TransferErrors.ParquetUnreadable(ex), ex);
        }
    }

    private (IList<Dictionary<string, object>> Rows, ParquetSchema Schema) ReadRowGroup(Stream input, int group)
    {
        try
        {
            var result = Wait(ParquetSerializer.DeserializeUntypedAsync(new KeptOpenStream(input), null, group, cancellationToken));
            return (result.Data, result.Schema);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw TransferErrors.Fatal(source, 0, TransferErrors.ParquetUnreadable(ex), ex);
        }
    }

    private static SourceRecord ToRecord(long row, string[] columns, Dictionary<string, object> cells, HashSet<string> json)
    {
        var fields = new JsonObject();
        foreach (var column in columns)
        {
            var value = cells.GetValueOrDefault(column);
            if (value is string or ReadOnlyMemory<char> && json.Contains(column))
            {
                var text = value.ToString()!;
                try
                {
                    fields[column] = JsonNode.Parse(text, null, CellOptions);
                }
                catch (JsonException ex)
                {
                    return SourceRecord.Bad(row, TransferErrors.ParquetJsonCell(column, ex));
                }

                continue;
            }

            fields[column] = ParquetValues.ToJson(value);
        }

        return new SourceRecord(row, fields, null);
    }

    private static FileStream Spill(Stream input)
    {
        var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        input.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
