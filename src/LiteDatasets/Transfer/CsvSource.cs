using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CsvHelper;

namespace LiteDatasets.Transfer;

/// <summary>
/// Reads CSV with a header row through CsvHelper, one row at a time. Each row becomes an object of the
/// fields its columns fill (<see cref="CsvLayout"/>): cells are strings, except in JSON columns, whose cells
/// are parsed after an optional text marker (an empty JSON cell is left out). Rows with bad quoting or the
/// wrong number of cells, cells that are not UTF-8 and JSON cells that do not parse are returned with their
/// problem.
/// </summary>
internal sealed class CsvSource(Stream stream, string source, char delimiter, MappingPlan mapping, IReadOnlyList<string> jsonColumns) : IRecordSource
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
        var layout = ReadHeader(reader);
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

            yield return ReadRow(reader, layout);
        }
    }

    private CsvLayout ReadHeader(CsvReader reader)
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

        var problem = CsvLayout.TryRead(columns, mapping, jsonColumns, out var layout);
        return layout ?? throw TransferErrors.Fatal(source, 1, problem!);
    }

    private static SourceRecord ReadRow(CsvReader reader, CsvLayout layout)
    {
        var line = reader.LineNumber;
        var fields = new JsonObject();
        for (var i = 0; i < layout.Fields.Count; i++)
        {
            var cell = reader.GetSpan(i);
            if (!Utf8.IsValid(cell))
            {
                return SourceRecord.Bad(line, TransferErrors.InvalidUtf8(RecordJson.FirstInvalidUtf8(cell) + 1));
            }

            var kind = layout.Kinds[i];
            if (kind != CsvCellKind.Text)
            {
                cell = CsvTextMarker.Remove(cell);
            }

            if (cell.IsEmpty && layout.EmptyIsAbsent[i])
            {
                continue;
            }

            if (kind != CsvCellKind.Json)
            {
                fields[layout.Fields[i]] = JsonValue.Create(Encoding.UTF8.GetString(cell));
            }
            else if (!cell.Trim(" \t"u8).IsEmpty)
            {
                var problem = ReadJson(cell, layout.Columns[i], out var value);
                if (problem is not null)
                {
                    return SourceRecord.Bad(line, problem);
                }

                fields[layout.Fields[i]] = value;
            }
            else if (i == layout.JsonInputColumn)
            {
                return SourceRecord.Bad(line, TransferErrors.CsvEmptyJsonInput(layout.Columns[i]));
            }
        }

        return new SourceRecord(line, fields, null);
    }

    /// <summary>Parses a JSON cell; returns the problem, or null.</summary>
    private static string? ReadJson(ReadOnlySpan<byte> cell, string column, out JsonNode? value)
    {
        value = null;
        try
        {
            value = JsonNode.Parse(cell, null, CellOptions);
            return null;
        }
        catch (JsonException ex)
        {
            return TransferErrors.CsvJsonCell(column, ex);
        }
        catch (InvalidOperationException)
        {
            return TransferErrors.LoneSurrogate();
        }
    }

    private static string Describe(CsvMalformedRecord bad) => bad.Reason switch
    {
        CsvMalformedReason.FieldCountMismatch => TransferErrors.CsvCellCountMismatch(),
        _ => TransferErrors.CsvBadQuote(),
    };
}
