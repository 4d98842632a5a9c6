using System.IO.Compression;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using LiteDatasets.Transfer;
using Parquet.Serialization;

namespace LiteDatasets.Tests.Transfer;

/// <summary>Parquet, both ways: files in the shape of a public hub dataset, the native round trip, bad files.</summary>
public sealed partial class DatasetTransferTests
{
    /// <summary>The columns of a multiple-choice dataset as a dataset hub publishes it.</summary>
    private static readonly ParquetSchema HubSchema = new(
        new DataField<string>("question"),
        new DataField<string>("answer"),
        new ListField("choices", new DataField<string>("element")),
        new DataField<long>("label"),
        new StructField("meta", new DataField<string>("source"), new DataField<int>("difficulty")));

    private static Dictionary<string, object?> HubRow(string question, string answer, string[] choices, long label, string source) => new()
    {
        ["question"] = question,
        ["answer"] = answer,
        // Parquet.Net 6 takes the strings of a list as memory.
        ["choices"] = choices.Select(choice => (ReadOnlyMemory<char>?)choice.AsMemory()).ToList(),
        ["label"] = label,
        ["meta"] = new Dictionary<string, object?> { ["source"] = source, ["difficulty"] = 2 },
    };

    [Test]
    public async Task Import_ParquetOfAHubDataset_MapsColumnsListsAndStructs()
    {
        var ds = NewDataset();
        var path = await WriteParquet("train.parquet", HubSchema,
            HubRow("Two and two?", "4", ["3", "4"], 1, "arith"),
            HubRow("Capital of France?", "Paris", ["Paris", "Rome"], 0, "geo"));
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["question"], ExpectedOutput = "answer", Metadata = ["label", "choices", "/meta/source"], KeyFromLine = true } };

        var report = DatasetTransfer.Import(_store, ds, path, options);

        var items = _store.ReadItems(ds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.Format, Is.EqualTo(TransferFormat.Parquet));
            Assert.That(report.Result.Added, Is.EqualTo(2));
            Assert.That(items.Select(i => i.ExternalId), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(items.Select(i => i.Input.ToJsonString()), Is.EqualTo(new[] { "\"Two and two?\"", "\"Capital of France?\"" }));
            Assert.That(items.Select(i => i.ExpectedOutput!.ToJsonString()), Is.EqualTo(new[] { "\"4\"", "\"Paris\"" }));
            Assert.That(items.Select(i => i.Metadata!.ToJsonString()), Is.EqualTo(new[]
            {
                """{"label":1,"choices":["3","4"],"source":"arith"}""",
                """{"label":0,"choices":["Paris","Rome"],"source":"geo"}""",
            }));
        });
    }

    [Test]
    public async Task Import_ParquetValues_FollowTheMappingTable()
    {
        var ds = NewDataset();
        var schema = new ParquetSchema(
            new DataField<int>("n"), new DataField<double>("x"), new DecimalDataField("price", 10, 2), new DataField<bool>("ok"),
            new DataField<DateTime>("at"), new DataField<byte[]>("blob"), new DataField<string>("empty", nullable: true));
        var row = new Dictionary<string, object?>
        {
            ["n"] = 7, ["x"] = 0.5, ["price"] = 12.30m, ["ok"] = true,
            ["at"] = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), ["blob"] = (ReadOnlyMemory<byte>?)new byte[] { 1, 2, 255 }.AsMemory(), ["empty"] = null,
        };
        var path = await WriteParquet("types.parquet", schema, row);
        var mapping = new FieldMapping { Input = ["n", "x", "price", "ok", "at", "blob"], Metadata = ["empty"] };

        var report = DatasetTransfer.Import(_store, ds, path, new ImportOptions { Mapping = mapping, Mode = ImportMode.Append });

        var item = _store.ReadItems(ds).Single();
        Assert.Multiple(() =>
        {
            Assert.That(item.Input.ToJsonString(), Is.EqualTo("""{"n":7,"x":0.5,"price":12.30,"ok":true,"at":"2024-05-06T07:08:09.0000000","blob":"AQL/"}"""));
            Assert.That(item.Metadata!.ToJsonString(), Is.EqualTo("""{"empty":null}"""), "A null cell is JSON null, as in JSONL.");
            Assert.That(report.LackingFields, Is.EqualTo(new Dictionary<string, long> { ["empty"] = 1 }));
        });
    }

    [Test]
    public void ExportImportExport_NativeParquet_GivesIdenticalItemsAndFingerprint()
    {
        var source = NewDataset("source");
        _store.AddItems(source, [
            new ItemDraft(JsonNode.Parse("""{"b":1.0,"a":9007199254740993,"B":"é\n\"x\""}""")!) { ExternalId = "k1", Metadata = new JsonObject { ["split"] = "test" } },
            new ItemDraft(JsonValue.Create("plain")) { ExpectedOutput = JsonNode.Parse("[1e400,{},null]") },
            new ItemDraft(JsonValue.Create("")) { ExpectedOutput = JsonValue.Create("") },
        ]);
        var (copy, first, second) = ExportImportExport(source, ".parquet");

        Assert.Multiple(() =>
        {
            Assert.That(_store.GetVersion(copy, 1).Fingerprint, Is.EqualTo(_store.GetVersion(source, 1).Fingerprint));
            Assert.That(_store.ReadItems(copy).Select(Describe), Is.EqualTo(_store.ReadItems(source).Select(Describe)));
            Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
        });
    }

    [Test]
    public async Task Export_MappedParquet_WritesStringsAsTheyAreAndOtherValuesAsJsonText()
    {
        var source = NewDataset("source");
        var path = await WriteParquet("train.parquet", HubSchema, HubRow("2+2?", "4", ["3", "4"], 1, "arith"));
        var mapping = new FieldMapping { Input = ["question"], ExpectedOutput = "answer", Metadata = ["label", "choices"] };
        DatasetTransfer.Import(_store, source, path, new ImportOptions { Mapping = mapping, Mode = ImportMode.Append });

        var output = _directory.File("out.parquet");
        DatasetTransfer.Export(_store, source, output, new ExportOptions { Mapping = mapping });
        var copy = NewDataset("copy");
        DatasetTransfer.Import(_store, copy, output, new ImportOptions { Mapping = mapping, Mode = ImportMode.Append, JsonColumns = ["label", "choices"] });

        await using var file = File.OpenRead(output);
        var rows = (await ParquetSerializer.DeserializeUntypedAsync(file)).Data;
        Assert.Multiple(() =>
        {
            Assert.That(rows.Single(), Is.EqualTo(new Dictionary<string, object?> { ["question"] = "2+2?", ["answer"] = "4", ["label"] = "1", ["choices"] = "[\"3\",\"4\"]" }));
            Assert.That(_store.ReadItems(copy).Select(Describe), Is.EqualTo(_store.ReadItems(source).Select(Describe)));
        });
    }

    [Test]
    public async Task Export_MoreRowsThanARowGroupHolds_WritesBoundedRowGroupsThatReadBack()
    {
        var source = NewDataset("source");
        _store.AddItems(source, Enumerable.Range(0, ParquetItemWriter.RowGroupRows + 1).Select(i => new ItemDraft(JsonValue.Create(i))));
        var output = _directory.File("out.parquet");

        DatasetTransfer.Export(_store, source, output);
        var copy = NewDataset("copy");
        DatasetTransfer.Import(_store, copy, output);

        await using var file = File.OpenRead(output);
        await using var reader = await ParquetReader.CreateAsync(file);
        Assert.Multiple(() =>
        {
            Assert.That(reader.RowGroupCount, Is.EqualTo(2));
            Assert.That(_store.GetVersion(copy, 1).Fingerprint, Is.EqualTo(_store.GetVersion(source, 1).Fingerprint));
        });
    }

    [Test]
    public async Task Import_ParquetWithoutRows_IsRefusedAsEmpty()
    {
        var ds = NewDataset();
        var path = await WriteParquet("empty.parquet", HubSchema);

        var ex = Assert.Throws<ImportFormatException>(() => DatasetTransfer.Import(_store, ds, path))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Is.EqualTo("empty.parquet: has no items (it is empty, or holds only a header or an empty array). An import needs at least one item. Nothing was imported."));
            Assert.That(_store.GetDataset(ds)!.Version, Is.Zero);
        });
    }

    [Test]
    public async Task Import_TruncatedParquet_FailsAsImportFormatAndWritesNothing()
    {
        var ds = NewDataset();
        var whole = File.ReadAllBytes(await WriteParquet("whole.parquet", HubSchema, HubRow("q", "a", ["a"], 0, "s")));
        var path = WriteFile("broken.parquet", whole[..(whole.Length / 2)]);

        var ex = Assert.Throws<ImportFormatException>(() => DatasetTransfer.Import(_store, ds, path, new ImportOptions { Mapping = new FieldMapping { Input = ["question"] }, Mode = ImportMode.Append }))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo(ErrorCode.ImportFormat));
            Assert.That(ex.CanSkip, Is.False);
            Assert.That(ex.Message, Does.StartWith("broken.parquet: is not a Parquet file that can be read (").And.EndWith("). Check that the file is complete and is Parquet. Nothing was imported."));
            Assert.That(_store.GetDataset(ds)!.Version, Is.Zero);
        });
    }

    [Test]
    public async Task Import_NativeParquetWithAnInputThatIsNotJson_NamesTheRow()
    {
        var ds = NewDataset();
        var schema = new ParquetSchema(new DataField<string>("id"), new DataField<string>("input"));
        var path = await WriteParquet("native.parquet", schema,
            new Dictionary<string, object?> { ["id"] = "a", ["input"] = "\"fine\"" },
            new Dictionary<string, object?> { ["id"] = "b", ["input"] = "not json" });

        var ex = Assert.Throws<ImportFormatException>(() => DatasetTransfer.Import(_store, ds, path))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.LineNumber, Is.EqualTo(2));
            Assert.That(ex.Reason, Does.StartWith("The cell of the column 'input' is not valid JSON text: "));
            Assert.That(_store.GetDataset(ds)!.Version, Is.Zero);
        });
    }

    [Test]
    public async Task Import_ParquetFromAStreamThatCannotSeek_ReadsAllRows()
    {
        var ds = NewDataset();
        var bytes = File.ReadAllBytes(await WriteParquet("train.parquet", HubSchema, HubRow("q1", "a", [], 0, "s"), HubRow("q2", "b", [], 1, "s")));
        using var input = new TrickleStream(bytes);

        DatasetTransfer.Import(_store, ds, input, new ImportOptions { Format = TransferFormat.Parquet, Mapping = new FieldMapping { Input = ["question"] }, Mode = ImportMode.Append });

        Assert.That(_store.ReadItems(ds).Select(i => i.Input.GetValue<string>()), Is.EqualTo(new[] { "q1", "q2" }));
    }

    [Test]
    public async Task Import_ParquetCancelledHalfWay_ThrowsAndWritesNothing()
    {
        var ds = NewDataset();
        var rows = Enumerable.Range(0, 2500).Select(i => HubRow($"q{i}", "a", [], i, "s")).ToArray();
        var path = await WriteParquet("train.parquet", HubSchema, rows);
        using var cancel = new CancellationTokenSource();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["question"] }, Mode = ImportMode.Append, Progress = new CancelOnProgress(cancel) };

        Assert.That(() => DatasetTransfer.Import(_store, ds, path, options, cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(_store.GetDataset(ds)!.Version, Is.Zero);
    }

    [Test]
    public void Export_ParquetToAStreamThatCannotSeek_WritesAFileThatReadsBack()
    {
        var source = NewDataset("source");
        _store.AddItems(source, [new ItemDraft(JsonValue.Create("a")), new ItemDraft(JsonValue.Create("b")) { ExpectedOutput = JsonValue.Create(1) }]);
        using var compressed = new MemoryStream();
        // A compressing stream cannot seek, as standard output cannot.
        using (var output = new GZipStream(compressed, CompressionMode.Compress, leaveOpen: true))
        {
            DatasetTransfer.Export(_store, source, output, new ExportOptions { Format = TransferFormat.Parquet });
        }

        using var bytes = new MemoryStream();
        compressed.Position = 0;
        using (var input = new GZipStream(compressed, CompressionMode.Decompress))
        {
            input.CopyTo(bytes);
        }

        bytes.Position = 0;
        var copy = NewDataset("copy");
        DatasetTransfer.Import(_store, copy, bytes, new ImportOptions { Format = TransferFormat.Parquet });

        Assert.That(_store.GetVersion(copy, 1).Fingerprint, Is.EqualTo(_store.GetVersion(source, 1).Fingerprint));
    }

    private static string Describe(DatasetItem item) =>
        $"{item.ExternalId}|{item.Input.ToJsonString()}|{item.ExpectedOutput?.ToJsonString()}|{item.Metadata?.ToJsonString()}";

    private async Task<string> WriteParquet(string name, ParquetSchema schema, params Dictionary<string, object?>[] rows)
    {
        var path = _directory.File(name);
        await using var file = File.Create(path);
        await ParquetSerializer.SerializeUntypedAsync(rows.Cast<IDictionary<string, object?>>().ToList(), schema, file);
        return path;
    }

    /// <summary>Cancels a token at the first progress report (after the first thousand records).</summary>
    private sealed class CancelOnProgress(CancellationTokenSource cancel) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => cancel.Cancel();
    }
}
