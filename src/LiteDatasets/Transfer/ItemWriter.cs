using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace LiteDatasets.Transfer;

/// <summary>
/// Writes items in the native shape <c>{"id","externalId","input","expectedOutput","metadata"}</c> (absent
/// members left out), or in a mapped shape (<see cref="MappedShape"/>), one at a time, to a stream it does not own.
/// </summary>
internal abstract class ItemWriter(MappedShape? shape) : IDisposable
{
    /// <summary>The columns of a CSV export, in order: the lossless native form (<see cref="CsvLayout"/>).</summary>
    public static readonly string[] CsvColumns = ["id", "externalId", "input" + CsvLayout.JsonSuffix, "expectedOutput" + CsvLayout.JsonSuffix, "metadata" + CsvLayout.JsonSuffix];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps non-ASCII text readable; the output is UTF-8 either way.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private static readonly JsonSerializerOptions CellOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ItemWriter Create(TransferFormat format, Stream output, MappedShape? shape = null, char csvDelimiter = ',') => format switch
    {
        TransferFormat.Jsonl => new JsonLines(output, shape),
        TransferFormat.Json => new JsonArray(output, shape),
        TransferFormat.Parquet => new ParquetItemWriter(output, shape),
        _ => new Csv(output, shape, TransferFormats.Delimiter(format, csvDelimiter)),
    };

    /// <summary>Gets the mapped shape to write, or null for the native one.</summary>
    protected MappedShape? Shape => shape;

    public abstract void Write(DatasetItem item);

    /// <summary>Ends the output (closes a JSON array) and flushes it.</summary>
    public abstract void Finish();

    /// <summary>Releases what the writer holds; the stream stays open.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Writes one item as a compact object, native or mapped.</summary>
    protected void WriteObject(IBufferWriter<byte> buffer, DatasetItem item)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        if (shape is not null)
        {
            shape.Build(item).WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("id", item.Id);
        if (item.ExternalId is not null)
        {
            writer.WriteString("externalId", item.ExternalId);
        }

        writer.WritePropertyName("input");
        item.Input.WriteTo(writer);
        if (item.ExpectedOutput is not null)
        {
            writer.WritePropertyName("expectedOutput");
            item.ExpectedOutput.WriteTo(writer);
        }

        if (item.Metadata is not null)
        {
            writer.WritePropertyName("metadata");
            item.Metadata.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Gets a CSV cell of text, behind a text marker if it would start like a formula; null for none.</summary>
    public static string? TextCell(string? text) => text is null ? null : CsvTextMarker.Add(text);

    /// <summary>Gets a CSV cell of a payload: its JSON text, behind a text marker if it would start like a formula (a negative number); null for none.</summary>
    public static string? JsonCell(JsonNode? node) => node is null ? null : CsvTextMarker.Add(node.ToJsonString(CellOptions));

    private sealed class JsonLines(Stream output, MappedShape? shape) : ItemWriter(shape)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);

        public override void Write(DatasetItem item)
        {
            _buffer.ResetWrittenCount();
            WriteObject(_buffer, item);
            _buffer.Write("\n"u8);
            output.Write(_buffer.WrittenSpan);
        }

        public override void Finish() => output.Flush();
    }

    private sealed class JsonArray(Stream output, MappedShape? shape) : ItemWriter(shape)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        private bool _any;

        public override void Write(DatasetItem item)
        {
            _buffer.ResetWrittenCount();
            _buffer.Write(_any ? ",\n"u8 : "[\n"u8);
            _any = true;
            WriteObject(_buffer, item);
            output.Write(_buffer.WrittenSpan);
        }

        public override void Finish()
        {
            output.Write(_any ? "\n]\n"u8 : "[]\n"u8);
            output.Flush();
        }
    }

    private sealed class Csv : ItemWriter
    {
        private readonly CsvWriter _writer;

        public Csv(Stream output, MappedShape? shape, char delimiter)
            : base(shape)
        {
            _writer = CsvWriter.Create(output, new CsvWriterOptions { Separator = delimiter }, leaveOpen: true);
            _writer.WriteHeader(shape is null ? CsvColumns : [.. shape.Columns]);
        }

        public override void Write(DatasetItem item)
        {
            if (Shape is not null)
            {
                // The user's own columns: cells as they are, for the tool that reads them (see ExportOptions.Mapping).
                foreach (var cell in Shape.Cells(Shape.Build(item)))
                {
                    _writer.WriteField(cell);
                }

                _writer.EndRecord();
                return;
            }

            _writer.WriteField(TextCell(item.Id));
            _writer.WriteField(TextCell(item.ExternalId));
            _writer.WriteField(JsonCell(item.Input));
            _writer.WriteField(JsonCell(item.ExpectedOutput));
            _writer.WriteField(JsonCell(item.Metadata));
            _writer.EndRecord();
        }

        public override void Finish() => _writer.Flush();

        public override void Dispose()
        {
            _writer.Dispose();
            base.Dispose();
        }
    }
}
