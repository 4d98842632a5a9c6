using System.Text;
using CsvHelper;

// FsCheck supplies the arguments of property tests, which the NUnit analyzer cannot see.
#pragma warning disable NUnit1027

namespace LiteDatasets.Tests.Transfer;

/// <summary>
/// Export, import and export again gives the same file, the same items and the same fingerprint in every
/// format, and upserting the exported file into its own dataset changes nothing. Native CSV has no cell a
/// spreadsheet would run as a formula. FsCheck reports the replay seed of a failing case.
/// </summary>
[TestFixture]
public sealed class TransferRoundTripProperties
{
    private const string Seed = "(20260103,3049)";

    private static readonly TransferFormat[] Formats = [TransferFormat.Jsonl, TransferFormat.Json, TransferFormat.Csv];

    private DatasetStore _store = null!;
    private int _case;

    [OneTimeSetUp]
    public void OpenStore() => _store = DatasetStore.OpenInMemory();

    [OneTimeTearDown]
    public void CloseStore() => _store.Dispose();

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(TransferArbitraries) }, MaxTest = 100, Replay = Seed, QuietOnSuccess = true)]
    public void ExportImportExport_GeneratedItems_SameFileItemsAndFingerprint(TransferCase items)
    {
        var source = NewDataset();
        _store.AddItems(source, items.Drafts());
        var expected = _store.ReadItems(source).Select(Texts).ToList();
        var fingerprint = _store.GetVersion(source, 1).Fingerprint;

        foreach (var format in Formats)
        {
            var first = Export(source, format);
            var copy = NewDataset();
            Import(copy, first, format, ImportMode.Append);
            var second = Export(copy, format);
            var upsert = Import(source, first, format, ImportMode.Upsert);

            Assert.Multiple(() =>
            {
                Assert.That(second, Is.EqualTo(first), $"{format}: the second export");
                Assert.That(_store.ReadItems(copy).Select(Texts), Is.EqualTo(expected), $"{format}: the imported items");
                Assert.That(_store.GetVersion(copy, 1).Fingerprint, Is.EqualTo(fingerprint), $"{format}: the fingerprint");
                Assert.That((upsert.Result.Created, upsert.Result.Unchanged), Is.EqualTo((false, expected.Count)), $"{format}: the upsert into the source");
            });
        }
    }

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(TransferArbitraries) }, MaxTest = 100, Replay = Seed, QuietOnSuccess = true)]
    public void ExportCsv_GeneratedItems_NoCellStartsLikeAFormula(TransferCase items)
    {
        var source = NewDataset();
        _store.AddItems(source, items.Drafts());

        using var reader = CsvReader.FromText(Export(source, TransferFormat.Csv), new CsvReaderOptions { HasHeader = true });
        var cells = new List<string>();
        while (reader.Read())
        {
            cells.AddRange(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString));
        }

        Assert.Multiple(() =>
        {
            Assert.That(cells, Has.Count.EqualTo(5 * items.Items.Count));
            Assert.That(cells.Where(c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal)), Is.Empty);
        });
    }

    private string NewDataset() => _store.CreateDataset(new DatasetDefinition("transfer-" + _case++)).Id;

    private string Export(string datasetId, TransferFormat format)
    {
        using var output = new MemoryStream();
        DatasetTransfer.Export(_store, datasetId, output, new ExportOptions { Format = format });
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private ImportReport Import(string datasetId, string text, TransferFormat format, ImportMode mode)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return DatasetTransfer.Import(_store, datasetId, input, new ImportOptions { Format = format, Mode = mode });
    }

    private static (string, string?, string, string?, string?) Texts(DatasetItem item) =>
        (item.Id, item.ExternalId, item.Input.ToJsonString(), item.ExpectedOutput?.ToJsonString(), item.Metadata?.ToJsonString());
}
