using System.Text.Encodings.Web;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace LiteDatasets.Transfer;

/// <summary>
/// Writes items as Parquet through Parquet.Net, in row groups of at most <see cref="RowGroupRows"/> rows, so
/// that memory holds one row group. Every column is an optional string. The native shape has the columns
/// <c>id</c>, <c>externalId</c>, <c>input</c>, <c>expectedOutput</c> and <c>metadata</c>, the payloads as JSON
/// text, which import parses back, so a round trip is exact. A mapped shape has one column per top-level field:
/// a string value as it is, any other value as JSON text (import reads those with the columns named as JSON).
/// </summary>
/// <remarks>Parquet.Net only writes asynchronously; its tasks are waited for on the exporting thread.</remarks>
internal sealed class ParquetItemWriter : ItemWriter
{
    /// <summary>The most rows one row group holds.</summary>
    public const int RowGroupRows = 10_000;

    private static readonly string[] NativeColumns = ["id", "externalId", "input", "expectedOutput", "metadata"];

    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _output;
    private readonly FileStream? _spill;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly List<string?>[] _cells;
    private bool _finished;

    public ParquetItemWriter(Stream output, MappedShape? shape)
        : base(shape)
    {
        _fields = [.. (shape is null ? NativeColumns : shape.Columns).Select(column => new DataField<string>(column, nullable: true))];
        _cells = [.. _fields.Select(_ => new List<string?>())];
        _output = output;
        // Parquet.Net wants a stream that can seek; standard output cannot, so the file is built aside first.
        _spill = output.CanSeek ? null : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _writer = Wait(ParquetWriter.CreateAsync(new ParquetSchema(_fields), _spill ?? output));
    }

    public override void Write(DatasetItem item)
    {
        var cells = Shape is null
            ? [item.Id, item.ExternalId, item.Input.ToJsonString(TextOptions), item.ExpectedOutput?.ToJsonString(TextOptions), item.Metadata?.ToJsonString(TextOptions)]
            : Shape.Cells(Shape.Build(item), node => node.ToJsonString(TextOptions)).ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            _cells[i].Add(cells[i]);
        }

        if (_cells[0].Count == RowGroupRows)
        {
            WriteRowGroup();
        }
    }

    /// <summary>Writes the rows held and the file's footer.</summary>
    public override void Finish()
    {
        if (_cells[0].Count > 0)
        {
            WriteRowGroup();
        }

        _finished = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_spill is not null)
        {
            _spill.Position = 0;
            _spill.CopyTo(_output);
        }

        _output.Flush();
    }

    public override void Dispose()
    {
        if (!_finished)
        {
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _spill?.Dispose();
        base.Dispose();
    }

    private void WriteRowGroup()
    {
        using (var group = _writer.CreateRowGroup())
        {
            for (var i = 0; i < _fields.Length; i++)
            {
                group.WriteAsync(_fields[i], _cells[i], null).GetAwaiter().GetResult();
                _cells[i].Clear();
            }
        }
    }

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
