using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CsvHelper;

namespace LiteDatasets.Transfer;

/// <summary>
/// Reads CSV with a header row through CsvHelper, one row at a time. Each row becomes an object of its
/// columns: cells are strings, except in JSON columns, whose cells are parsed (an empty JSON cell is left
/// out). Rows with bad quoting or the wrong number of cells, cells that are not UTF-8 and JSON cells that do
/// not parse are returned with their problem.
/// </summary>
internal sealed class CsvSource(Stream stream, string source, char delimiter, RecordMapper mapper, IReadOnlyList<string> jsonColumns) : IRecordSource
{
    private static readonly JsonDocumentOptions CellOptions = new() { MaxDepth = Json.PayloadEncoder.MaxDepth, AllowDuplicateProperties = false };

    public IEnumerable<SourceRecord> Read()
    {
        var malformed = new Queue<SourceRecord>();
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            MaxRecordSize = RecordJson.MaxRecordBytes,
            OnMalformedRecord = bad => malformed.Enqueue(SourceRecord.Bad(bad.LineNumber, Describe(bad))),
        };
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        var columns = ReadHeader(reader);
        var isJson = columns.Select(c => mapper.IsJsonColumn(c, jsonColumns)).ToArray();
        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (CsvFormatException ex)
            {
                throw TransferErrors.Fatal(source, ex.LineNumber, ex.Message, ex);
            }

            while (malformed.Count > 0)
            {
                yield return malformed.Dequeue();
            }

            if (!more)
            {
                yield break;
            }

            yield return ReadRow(reader, columns, isJson);
        }
    }

    private string[] ReadHeader(CsvReader reader)
    {
        string[] columns;
        try
        {
            reader.ReadHeader();
            columns = [.. reader.Headers];
        }
        catch (CsvFormatException ex)
        {
            throw TransferErrors.Fatal(source, Math.Max(1, ex.LineNumber), ex.Message, ex);
        }

        if (columns.Length == 0 || (columns.Length == 1 && columns[0].Length == 0))
        {
            throw TransferErrors.Empty(source);
        }

        var problem = mapper.CheckColumns(columns, jsonColumns);
        return problem is null ? columns : throw TransferErrors.Fatal(source, 1, problem);
    }

    private static SourceRecord ReadRow(CsvReader reader, string[] columns, bool[] isJson)
    {
        var line = reader.LineNumber;
        var fields = new JsonObject();
        for (var i = 0; i < columns.Length; i++)
        {
            var cell = reader.GetSpan(i);
            if (!Utf8.IsValid(cell))
            {
                return SourceRecord.Bad(line, TransferErrors.InvalidUtf8(RecordJson.FirstInvalidUtf8(cell) + 1));
            }

            if (!isJson[i])
            {
                fields[columns[i]] = JsonValue.Create(Encoding.UTF8.GetString(cell));
                continue;
            }

            if (cell.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            try
            {
                fields[columns[i]] = JsonNode.Parse(cell, null, CellOptions);
            }
            catch (JsonException ex)
            {
                return SourceRecord.Bad(line, TransferErrors.CsvJsonCell(columns[i], ex));
            }
            catch (InvalidOperationException)
            {
                return SourceRecord.Bad(line, TransferErrors.LoneSurrogate());
            }
        }

        return new SourceRecord(line, fields, null);
    }

    private static string Describe(CsvMalformedRecord bad) => bad.Reason switch
    {
        CsvMalformedReason.FieldCountMismatch => TransferErrors.CsvCellCountMismatch(),
        _ => TransferErrors.CsvBadQuote(),
    };
}
