namespace LiteDatasets.Cli.Tests;

/// <summary>
/// Errors speak the tool's language: no library member names, datasets by name, schema failures listed by line,
/// and hints only where they help.
/// </summary>
[TestFixture]
public sealed class MessageTests : CliTestBase
{
    [Test]
    public void Import_KeyAnItemAlreadyHas_NamesTheDatasetAndTheModeThatUpdates()
    {
        WriteFile("qa.jsonl", "{\"k\":\"a\",\"q\":\"1+1\"}\n");
        Assert.That(Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--key", "k", "--create").ExitCode, Is.Zero);

        var result = Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--key", "k");

        Assert.That(result.Error, Is.EqualTo("error: The external id 'a' is already used by a live item of dataset 'qa'. Import with --mode upsert to update that item instead." + Environment.NewLine));
    }

    [Test]
    public void TagAdd_TagOnAnotherVersion_PointsToTagMove()
    {
        CopyDemo();

        var result = Run("tag", "add", "demo.litedb", "gsm8k-demo", "golden", "1");

        Assert.That(result.Error, Is.EqualTo("error: The tag 'golden' of dataset 'gsm8k-demo' already names version 4. Use 'litedatasets tag move' to point it elsewhere." + Environment.NewLine));
    }

    [Test]
    public void Items_GarbledCursor_PointsToTheOption()
    {
        CopyDemo();

        var result = Run("items", "demo.litedb", "gsm8k-demo", "--after", "garbage");

        Assert.That(result.Error, Does.EndWith("Pass the cursor a page printed, unchanged, or leave out --after to start over." + Environment.NewLine));
    }

    [Test]
    public void AnyCommand_StoreOpenElsewhere_GivesNoLibraryOption()
    {
        CopyDemo();
        using var open = DatasetStore.Open(Path.Combine(Directory, "demo.litedb"));

        var result = Run("list", "demo.litedb");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Does.Contain("is already open in this or another process. Another program may have it open for writing: let it finish or close it, then retry."));
            Assert.That(result.Error, Does.Not.Contain("Shared"));
        });
    }

    [Test]
    public void Import_RecordsAgainstTheSchema_ListsLinePointerAndReasonInTextAndJson()
    {
        WriteFile("in.schema.json", """{"type":"object","required":["q"]}""");
        Assert.That(Run("create", "evals.litedb", "strict", "--input-schema", "in.schema.json").ExitCode, Is.Zero);
        WriteFile("bad.jsonl", "{\"input\":{\"q\":1}}\n{\"input\":{\"x\":1}}\n{\"input\":5}\n");

        var result = Run("import", "evals.litedb", "strict", "bad.jsonl", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.StartWith("error: bad.jsonl: 2 records do not satisfy the dataset's schema: line 2 at '/input': ")
                .And.Contain("; line 3 at '/input': ").And.EndWith(". Nothing was imported." + Environment.NewLine));
            Assert.That(result.Error, Does.Not.Contain("Failures").And.Not.Contain("draft"));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("SchemaViolation"));
            Assert.That(result.Json["error"]!["failures"]!.AsArray().Select(f => (f!["line"]!.GetValue<long>(), f["pointer"]!.GetValue<string>())),
                Is.EqualTo(new[] { (2L, "/input"), (3L, "/input") }));
        });
    }

    [Test]
    public void Import_FirstRecordWithoutTheMappedField_PointsToTheMappingNotToSkipping()
    {
        WriteFile("qa.jsonl", "{\"question\":\"1+1\"}\n{\"question\":\"2+2\"}\n");

        var result = Run("import", "evals.litedb", "qa", "qa.jsonl", "--create");

        Assert.That(result.Error, Is.EqualTo("error: qa.jsonl, line 1: The field 'question' is not part of the native shape (id, externalId, input, expectedOutput, metadata); name the input field(s) to map another shape. Check the mapping of fields. Nothing was imported." + Environment.NewLine));
    }

    [Test]
    public void Import_LaterRecordWithoutTheMappedField_SuggestsSkipping()
    {
        WriteFile("qa.jsonl", "{\"q\":\"1+1\"}\n{\"x\":\"2+2\"}\n");

        var result = Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--create");

        Assert.That(result.Error, Does.StartWith("error: qa.jsonl, line 2: The record has no field 'q'.").And.Contain("--skip-bad-lines"));
    }

    [Test]
    public void Import_CsvHeaderWithoutTheMappedColumn_DoesNotSuggestSkippingLines()
    {
        WriteFile("qa.csv", "question,answer\n1+1,2\n");

        var result = Run("import", "evals.litedb", "qa", "qa.csv", "--input", "prompt", "--create");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("error: qa.csv, line 1: The header has no column 'prompt'. Nothing was imported." + Environment.NewLine));
            Assert.That(result.Error, Does.Not.Contain("--skip-bad-lines"));
        });
    }
}
