namespace LiteDatasets.Tests.Transfer;

/// <summary>
/// A mapped expected-output or metadata field that no record has is a misspelt name: the import is refused,
/// naming it and the fields the records do have. One that some records lack is counted in the report.
/// </summary>
public sealed partial class DatasetTransferTests
{
    private const string CodeProblems = """
        {"task_id":"t1","prompt":"def f():","canonical_solution":"  return 1","tests":"assert f() == 1"}
        {"task_id":"t2","prompt":"def g():","canonical_solution":"  return 2"}
        {"task_id":"t3","prompt":"def h():","canonical_solution":"  return 3","tests":null}
        """;

    [TestCase("solution", null, "expected output")]
    [TestCase("canonical_solution", "test", "metadata")]
    public void Import_MappedFieldInNoRecord_IsRefusedNamingItAndTheFieldsThereAre(string expected, string? metadata, string role)
    {
        var ds = NewDataset();
        var options = new ImportOptions
        {
            Mapping = new FieldMapping { Input = ["prompt"], ExpectedOutput = expected, Key = "task_id", Metadata = metadata is null ? null : [metadata] },
        };

        var ex = ImportFails(ds, "code.jsonl", CodeProblems, options);

        var missing = metadata ?? expected;
        Assert.Multiple(() =>
        {
            Assert.That(ex.LineNumber, Is.Zero);
            Assert.That(ex.Message, Is.EqualTo(
                $"code.jsonl: has no field '{missing}' (mapped as the {role}) in any of its 3 records; they have 'canonical_solution', 'prompt', 'task_id', 'tests'. Check the field's name. Nothing was imported."));
            Assert.That(_store.GetDataset(ds)!.Version, Is.Zero, "Nothing was committed.");
        });
    }

    [Test]
    public void Import_MappedFieldSomeRecordsLack_IsCountedInTheReport()
    {
        var ds = NewDataset();
        var options = new ImportOptions
        {
            Mapping = new FieldMapping { Input = ["prompt"], ExpectedOutput = "canonical_solution", Key = "task_id", Metadata = ["tests"] },
        };

        var report = Import(ds, "code.jsonl", CodeProblems, options);

        Assert.Multiple(() =>
        {
            Assert.That(report.Result.Added, Is.EqualTo(3));
            Assert.That(report.LackingFields, Is.EqualTo(new Dictionary<string, long> { ["tests"] = 2 }));
        });
    }

    [Test]
    public void Import_CsvColumnWithEmptyCells_CountsThemAsLacking()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"], ExpectedOutput = "a" } };

        var report = Import(ds, "qa.csv", "q,a\n1+1,2\n2+2,\n", options);

        Assert.That(report.LackingFields, Is.EqualTo(new Dictionary<string, long> { ["a"] = 1 }));
    }

    [Test]
    public void Import_NativeShape_ReportsNothingLacking()
    {
        var ds = NewDataset();

        var report = Import(ds, "native.jsonl", "{\"input\":1}\n{\"input\":2,\"expectedOutput\":3}\n");

        Assert.That(report.LackingFields, Is.Empty);
    }
}
