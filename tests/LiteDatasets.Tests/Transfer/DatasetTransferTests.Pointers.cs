namespace LiteDatasets.Tests.Transfer;

/// <summary>Mapped fields named by JSON Pointer: nested values, array elements, escapes, and pointers that lead nowhere.</summary>
public sealed partial class DatasetTransferTests
{
    private const string Instances = """
        {"id":"task1-0","instances":[{"input":"Translate: bonjour","output":["hello"]}],"meta":{"task":"translation","a/b":1,"c~d":2}}
        {"id":"task1-1","instances":[{"input":"Translate: merci","output":["thanks","thank you"]}],"meta":{"task":"translation"}}
        """;

    [Test]
    public void Import_JsonPointers_ReadNestedValuesAndArrayElements()
    {
        var ds = NewDataset();
        var options = new ImportOptions
        {
            Mapping = new FieldMapping { Input = ["/instances/0/input"], ExpectedOutput = "/instances/0/output", Key = "/id", Metadata = ["/meta/task"] },
        };

        var report = Import(ds, "tasks.jsonl", Instances, options);

        var items = _store.ReadItems(ds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.Result.Added, Is.EqualTo(2));
            Assert.That(items.Select(i => i.ExternalId), Is.EqualTo(new[] { "task1-0", "task1-1" }));
            Assert.That(items[0].Input.GetValue<string>(), Is.EqualTo("Translate: bonjour"));
            Assert.That(items[1].ExpectedOutput!.ToJsonString(), Is.EqualTo("""["thanks","thank you"]"""));
            Assert.That(items[0].Metadata!.ToJsonString(), Is.EqualTo("""{"task":"translation"}"""), "A metadata field takes the pointer's last token as its name.");
        });
    }

    [Test]
    public void Import_PointerEscapes_NameFieldsWithSlashAndTilde()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["/instances/0/input"], Metadata = ["/meta/a~1b", "/meta/c~0d"] } };

        var report = Import(ds, "tasks.jsonl", Instances, options);

        Assert.Multiple(() =>
        {
            Assert.That(_store.ReadItems(ds).First().Metadata!.ToJsonString(), Is.EqualTo("""{"a/b":1,"c~d":2}"""));
            Assert.That(report.LackingFields, Is.EqualTo(new Dictionary<string, long> { ["/meta/a~1b"] = 1, ["/meta/c~0d"] = 1 }));
        });
    }

    [Test]
    public void Import_PlainNameWithSlash_IsATopLevelField()
    {
        var ds = NewDataset();

        Import(ds, "odd.jsonl", "{\"q/a\":\"x\",\"q\":{\"a\":\"nested\"}}\n", new ImportOptions { Mapping = new FieldMapping { Input = ["q/a"] } });

        Assert.That(_store.ReadItems(ds).Single().Input.GetValue<string>(), Is.EqualTo("x"));
    }

    [TestCase("/instances/1/input")]
    [TestCase("/instances/0/input/more")]
    [TestCase("/instances/00/input")]
    [TestCase("/nothing")]
    public void Import_InputPointerLeadingNowhere_IsAMissingField(string field)
    {
        var ds = NewDataset();

        var ex = ImportFails(ds, "tasks.jsonl", Instances, new ImportOptions { Mapping = new FieldMapping { Input = [field] } });

        Assert.Multiple(() =>
        {
            Assert.That(ex.LineNumber, Is.EqualTo(1));
            Assert.That(ex.Reason, Is.EqualTo($"The record has no field '{field}'. Check the mapping of fields."));
        });
    }

    [Test]
    public void Import_SeveralInputPointers_MakeAnObjectByLastToken()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["/instances/0/input", "/meta/task"] } };

        Import(ds, "tasks.jsonl", Instances, options);

        Assert.That(_store.ReadItems(ds).First().Input.ToJsonString(), Is.EqualTo("""{"input":"Translate: bonjour","task":"translation"}"""));
    }

    [TestCase(new[] { "/a/text", "/b/text" }, null, "The input fields '/a/text' and '/b/text' would both be named 'text' in the input object; map one of them differently.")]
    [TestCase(new[] { "q" }, new[] { "/x/lang", "/y/lang" }, "The metadata fields '/x/lang' and '/y/lang' would both be named 'lang' in the metadata; map one of them differently.")]
    [TestCase(new[] { "/q~2" }, null, "The JSON Pointer '/q~2' has a '~' that is not followed by 0 or 1; write ~0 for '~' and ~1 for '/' in a field name.")]
    public void Import_PointersThatCannotMap_AreRefusedBeforeReading(string[] input, string[]? metadata, string message)
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = input, Metadata = metadata } };

        var ex = Assert.Throws<ArgumentException>(() => Import(ds, "tasks.jsonl", Instances, options))!;

        Assert.That(ex.Message, Does.StartWith(message));
    }

    [Test]
    public void Import_CsvPointerInsideJsonColumn_ReadsTheNestedValue()
    {
        var ds = NewDataset();
        var csv = "id,question,answer\nq1,\"{\"\"text\"\":\"\"2+2?\"\",\"\"lang\"\":\"\"en\"\"}\",4\n";
        var options = new ImportOptions
        {
            Mapping = new FieldMapping { Input = ["/question/text"], ExpectedOutput = "answer", Key = "id", Metadata = ["/question/lang"] },
            JsonColumns = ["question"],
        };

        Import(ds, "qa.csv", csv, options);

        var item = _store.ReadItems(ds).Single();
        Assert.That((item.Input.GetValue<string>(), item.Metadata!.ToJsonString()), Is.EqualTo(("2+2?", """{"lang":"en"}""")));
    }

    [Test]
    public void Import_CsvPointerInsideTextColumn_IsRefusedNamingTheColumn()
    {
        var ds = NewDataset();
        var csv = "id,question\nq1,\"{\"\"text\"\":\"\"2+2?\"\"}\"\n";

        var ex = ImportFails(ds, "qa.csv", csv, new ImportOptions { Mapping = new FieldMapping { Input = ["/question/text"] } });

        Assert.Multiple(() =>
        {
            Assert.That(ex.CanSkip, Is.False);
            Assert.That(ex.Reason, Is.EqualTo("The field '/question/text' looks inside the column 'question', whose cells are text; list 'question' among the JSON columns to map a value inside its JSON."));
        });
    }

    [Test]
    public void NameOf_PlainAndPointerFields_GivesTheNameInTheItem()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FieldMapping.NameOf("split"), Is.EqualTo("split"));
            Assert.That(FieldMapping.NameOf("a/b"), Is.EqualTo("a/b"));
            Assert.That(FieldMapping.NameOf("/meta/split"), Is.EqualTo("split"));
            Assert.That(FieldMapping.NameOf("/meta/a~1b~0c~01"), Is.EqualTo("a/b~c~1"));
            Assert.That(FieldMapping.NameOf("/"), Is.EqualTo(""));
        });
    }
}
