using System.Text;

namespace LiteDatasets.Tests.Transfer;

/// <summary>Import and export through <see cref="DatasetTransfer"/>; split into partial files by aspect.</summary>
[TestFixture]
public sealed partial class DatasetTransferTests
{
    private DatasetStore _store = null!;
    private TempDirectory _directory = null!;

    [SetUp]
    public void OpenStore()
    {
        _directory = new TempDirectory();
        _store = DatasetStore.OpenInMemory(new DatasetStoreOptions { TimeProvider = new FakeClock() });
    }

    [TearDown]
    public void CloseStore()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    /// <summary>Gets the path of a file of the GSM8K sample in the repository.</summary>
    internal static string Gsm8k(string file) => Repository.File("data", "gsm8k", file);

    private string NewDataset(string name = "qa") => _store.CreateDataset(new DatasetDefinition(name)).Id;

    private string WriteFile(string name, string text) => WriteFile(name, Encoding.UTF8.GetBytes(text));

    private string WriteFile(string name, byte[] bytes)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private ImportReport Import(string datasetId, string name, string text, ImportOptions? options = null) =>
        DatasetTransfer.Import(_store, datasetId, WriteFile(name, text), options);

    private ImportFormatException ImportFails(string datasetId, string name, string text, ImportOptions? options = null) =>
        Assert.Throws<ImportFormatException>(() => Import(datasetId, name, text, options))!;

    /// <summary>Exports a dataset's current version to a file, imports it into a new dataset and exports that; returns the copy and both files.</summary>
    private (string Copy, string First, string Second) ExportImportExport(string source, string extension)
    {
        var first = _directory.File("first" + extension);
        DatasetTransfer.Export(_store, source, first);
        var copy = NewDataset("copy");
        DatasetTransfer.Import(_store, copy, first);
        var second = _directory.File("second" + extension);
        DatasetTransfer.Export(_store, copy, second);
        return (copy, first, second);
    }

    private string ExportText(string datasetId, TransferFormat format, long? version = null)
    {
        using var output = new MemoryStream();
        DatasetTransfer.Export(_store, datasetId, output, new ExportOptions { Format = format, Version = version });
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
