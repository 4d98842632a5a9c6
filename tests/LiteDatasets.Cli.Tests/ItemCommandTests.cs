namespace LiteDatasets.Cli.Tests;

/// <summary>add, edit and delete; items named by id or external id (show, history).</summary>
[TestFixture]
public sealed class ItemCommandTests : CliTestBase
{
    private static readonly string NewLine = Environment.NewLine;

    [SetUp]
    public void CreateDataset() => Assert.That(Run("create", "evals.litedb", "qa").ExitCode, Is.Zero);

    [Test]
    public void Add_TwoJsonArguments_MakeOneVersionAndPrintTheIdsInOrder()
    {
        var result = Run("add", "evals.litedb", "qa", """{"id":"a1","externalId":"q1","input":"2+2","expectedOutput":"4"}""", """{"id":"b2","input":{"q":"3+3"}}""", "-m", "Two by hand");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Output, Is.EqualTo($"Added 2 item(s) to qa as version 1:{NewLine}  a1 (external id q1){NewLine}  b2{NewLine}"));
            Assert.That(RunJson("versions", "evals.litedb", "qa")["versions"]![0]!["message"]!.GetValue<string>(), Is.EqualTo("Two by hand"));
        });
    }

    [Test]
    public void Add_Json_PrintsTheVersionAndTheStoredItems()
    {
        var json = RunJson("add", "evals.litedb", "qa", """{"input":"2+2","metadata":{"split":"test"}}""");

        var items = json["items"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "version", "items" }));
            Assert.That(json["version"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(items, Has.Count.EqualTo(1));
            Assert.That(Keys(items[0]), Is.EqualTo(ItemKeys));
            Assert.That(items[0]!["metadata"]!.ToJsonString(), Is.EqualTo("""{"split":"test"}"""));
            Assert.That(RunJson("show", "evals.litedb", "qa", items[0]!["id"]!.GetValue<string>())["item"]!["input"]!.GetValue<string>(), Is.EqualTo("2+2"));
        });
    }

    [Test]
    public void Add_FileAndStandardInput_EveryLineIsAnItem()
    {
        WriteFile("items.jsonl", "{\"input\":1}\n\n{\"input\":2,\"externalId\":\"two\"}\n");

        var fromFile = RunJson("add", "evals.litedb", "qa", "--file", "items.jsonl");
        var fromStdin = RunWithInput("{\"input\":3}\n", "add", "evals.litedb", "qa", "--file", "-", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(fromFile["items"]!.AsArray().Select(i => i!["input"]!.GetValue<int>()), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(fromStdin.Json["version"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(RunJson("items", "evals.litedb", "qa")["total"]!.GetValue<long>(), Is.EqualTo(3));
        });
    }

    [TestCase("{\"input\":1}\n{\"expectedOutput\":2}\n", "items.jsonl, line 2: The item has no input: give \"input\", any JSON value but null.")]
    [TestCase("{\"input\":1}\n{\"input\":1,\"question\":2}\n", "items.jsonl, line 2: The item has the member 'question', which is not part of an item (id, externalId, input, expectedOutput, metadata).")]
    [TestCase("{\"input\":1,\"metadata\":[1]}\n", "items.jsonl, line 1: The item has metadata that is a JSON array, not an object.")]
    [TestCase("{\"input\":1,\"externalId\":7}\n", "items.jsonl, line 1: The item has externalId as a JSON number, not a string.")]
    public void Add_BadLine_NamesTheLineAndAddsNothing(string lines, string message)
    {
        WriteFile("items.jsonl", lines);

        var result = Run("add", "evals.litedb", "qa", "{\"input\":0}", "--file", "items.jsonl", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo($"error: {message} Nothing was added.{NewLine}"));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidArgument"));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]![0]!["version"]!.GetValue<long>(), Is.Zero);
        });
    }

    [Test]
    public void Add_BadArgument_NamesTheArgument()
    {
        var result = Run("add", "evals.litedb", "qa", "{\"input\":1}", "[1]");

        Assert.That(result.Error, Is.EqualTo($"error: Argument 2: The item is not a JSON object such as '{{\"input\":\"2+2\",\"expectedOutput\":\"4\"}}'. Nothing was added.{NewLine}"));
    }

    [Test]
    public void Add_SameExternalIdTwice_NamesBothPlaces()
    {
        WriteFile("items.jsonl", "{\"input\":2,\"externalId\":\"a\"}\n");

        var result = Run("add", "evals.litedb", "qa", "{\"input\":1,\"externalId\":\"a\"}", "--file", "items.jsonl");

        Assert.That(result.Error, Is.EqualTo($"error: items.jsonl, line 1: The item has the external id 'a', as has the item of Argument 1; each item may appear once. Nothing was added.{NewLine}"));
    }

    [Test]
    public void Add_ItemsAgainstTheSchema_NamesTheFirstFailingArgument()
    {
        WriteFile("in.schema.json", """{"type":"object","required":["q"]}""");
        Assert.That(Run("create", "evals.litedb", "strict", "--input-schema", "in.schema.json").ExitCode, Is.Zero);

        var result = Run("add", "evals.litedb", "strict", """{"input":{"q":1}}""", """{"input":{"x":1}}""", """{"input":3}""", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.StartWith("error: Argument 2: The item does not satisfy the dataset's schema at '/input': ")
                .And.EndWith($". 1 more item(s) fail it too. Nothing was added.{NewLine}"));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("SchemaViolation"));
            Assert.That(RunJson("items", "evals.litedb", "strict")["total"]!.GetValue<long>(), Is.Zero);
        });
    }

    [Test]
    public void Add_NoItemAtAll_IsAUsageError()
    {
        var result = Run("add", "evals.litedb", "qa");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.StartWith("error: Give at least one item: a JSON argument such as '{\"input\":\"2+2\"}', or --file with a JSONL file."));
        });
    }

    [Test]
    public void Edit_ByExternalId_ChangesTheGivenPartsAsOneVersion()
    {
        Run("add", "evals.litedb", "qa", """{"id":"a1","externalId":"q1","input":"2+2","expectedOutput":"5","metadata":{"split":"test","draft":true}}""");

        var text = Run("edit", "evals.litedb", "qa", "q1", "--expected", "\"4\"", "--set-meta", "level=3", "--set-meta", "note=checked by hand", "--unset-meta", "draft", "-m", "Fixed q1");
        var json = RunJson("edit", "evals.litedb", "qa", "a1", "--input", """{"q":"2+2"}""");

        var item = json["item"]!;
        Assert.Multiple(() =>
        {
            Assert.That(text.Output, Is.EqualTo($"Changed item a1 of qa as version 2.{NewLine}"));
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "version", "created", "item" }));
            Assert.That((json["version"]!.GetValue<long>(), json["created"]!.GetValue<bool>()), Is.EqualTo((3L, true)));
            Assert.That(Keys(item), Is.EqualTo(ItemKeys));
            Assert.That(item["input"]!["q"]!.GetValue<string>(), Is.EqualTo("2+2"));
            Assert.That(item["expectedOutput"]!.GetValue<string>(), Is.EqualTo("4"));
            Assert.That(item["metadata"]!.ToJsonString(), Is.EqualTo("""{"split":"test","level":3,"note":"checked by hand"}"""));
            Assert.That(RunJson("versions", "evals.litedb", "qa")["versions"]![1]!["message"]!.GetValue<string>(), Is.EqualTo("Fixed q1"));
        });
    }

    [Test]
    public void Edit_ExpectedNullAndLastMetadataFieldUnset_RemovesBoth()
    {
        Run("add", "evals.litedb", "qa", """{"id":"a1","input":1,"expectedOutput":2,"metadata":{"k":1}}""");

        var item = RunJson("edit", "evals.litedb", "qa", "a1", "--expected", "null", "--unset-meta", "k")["item"]!;

        Assert.Multiple(() =>
        {
            Assert.That(item["expectedOutput"], Is.Null);
            Assert.That(item["metadata"], Is.Null);
        });
    }

    [Test]
    public void Edit_SameContent_CreatesNoVersionAndSaysSo()
    {
        Run("add", "evals.litedb", "qa", """{"id":"a1","input":1,"expectedOutput":2}""");

        var result = Run("edit", "evals.litedb", "qa", "a1", "--expected", "2");

        Assert.That(result.Output, Is.EqualTo($"Item a1 already has that content: no version was created (qa stays at version 1).{NewLine}"));
    }

    [Test]
    public void Edit_NothingToChange_IsAUsageError()
    {
        Run("add", "evals.litedb", "qa", """{"id":"a1","input":1}""");

        var result = Run("edit", "evals.litedb", "qa", "a1", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.StartWith("error: Say what to change: --input, --expected, --set-meta or --unset-meta."));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("Usage"));
        });
    }

    [TestCase("--input", "what is 2+2", "error: The value of --input is not valid JSON (")]
    [TestCase("--input", "null", "error: The value of --input is null; an item's input may be any JSON value but null.")]
    [TestCase("--unset-meta", "nope", "error: Item 'a1' has no metadata field 'nope' to remove. Run 'litedatasets show' to see its metadata.")]
    [TestCase("--set-meta", "nokey", "error: The value 'nokey' of --set-meta is not KEY=VALUE; write for example --set-meta split=test.")]
    public void Edit_BadValue_FailsAndChangesNothing(string option, string value, string error)
    {
        Run("add", "evals.litedb", "qa", """{"id":"a1","input":1}""");

        var result = Run("edit", "evals.litedb", "qa", "a1", option, value);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.StartWith(error));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]![0]!["version"]!.GetValue<long>(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Delete_IdsAndExternalIds_MakeOneVersion()
    {
        Run("add", "evals.litedb", "qa", """{"id":"a1","input":1}""", """{"id":"b2","externalId":"q2","input":2}""", """{"id":"c3","input":3}""");

        var text = Run("delete", "evals.litedb", "qa", "a1", "q2", "-m", "Two gone");
        var json = RunJson("delete", "evals.litedb", "qa", "c3");

        Assert.Multiple(() =>
        {
            Assert.That(text.Output, Is.EqualTo($"Deleted 2 item(s) from qa as version 2:{NewLine}  a1{NewLine}  b2{NewLine}"));
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "version", "deleted" }));
            Assert.That(json["version"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(json["deleted"]!.AsArray().Select(i => i!.GetValue<string>()), Is.EqualTo(new[] { "c3" }));
            Assert.That(RunJson("versions", "evals.litedb", "qa")["versions"]![1]!["message"]!.GetValue<string>(), Is.EqualTo("Two gone"));
        });
    }

    [Test]
    public void Delete_OneUnknownItem_NamesItAndDeletesNothing()
    {
        Run("add", "evals.litedb", "qa", """{"id":"a1","input":1}""");

        var result = Run("delete", "evals.litedb", "qa", "a1", "nope", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo($"error: Dataset 'qa' has no item with the id or external id 'nope' at version 1. Run 'litedatasets items' to find it, or 'litedatasets history' for a deleted one.{NewLine}"));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ItemNotFound"));
            Assert.That(RunJson("items", "evals.litedb", "qa")["total"]!.GetValue<long>(), Is.EqualTo(1));
        });
    }

    [Test]
    public void History_ByExternalId_IsTheItemsHistory()
    {
        Run("add", "evals.litedb", "qa", """{"id":"a1","externalId":"q1","input":1}""");
        Run("edit", "evals.litedb", "qa", "q1", "--input", "2");

        var byKey = RunJson("history", "evals.litedb", "qa", "q1");
        var text = Run("history", "evals.litedb", "qa", "q1");

        Assert.Multiple(() =>
        {
            Assert.That(byKey["itemId"]!.GetValue<string>(), Is.EqualTo("a1"));
            Assert.That(byKey["revisions"]!.ToJsonString(), Is.EqualTo(RunJson("history", "evals.litedb", "qa", "a1")["revisions"]!.ToJsonString()));
            Assert.That(byKey["revisions"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(text.Output, Does.StartWith("History of item a1 in qa"));
        });
    }

    [Test]
    public void HistoryAndShow_AnIdThatIsAlsoAnotherItemsExternalId_FindTheItemWithThatId()
    {
        Run("add", "evals.litedb", "qa", """{"id":"x","input":"by id"}""", """{"id":"y","externalId":"x","input":"by external id"}""");
        Run("delete", "evals.litedb", "qa", "x");

        var history = RunJson("history", "evals.litedb", "qa", "x");
        var shown = RunJson("show", "evals.litedb", "qa", "x", "--at", "1");

        Assert.Multiple(() =>
        {
            Assert.That(history["itemId"]!.GetValue<string>(), Is.EqualTo("x"));
            Assert.That(history["revisions"]!.AsArray().Select(r => r!["isDelete"]!.GetValue<bool>()), Is.EqualTo(new[] { false, true }));
            Assert.That(shown["item"]!["input"]!.GetValue<string>(), Is.EqualTo("by id"));
        });
    }

    [Test]
    public void History_NeitherIdNorExternalId_SaysHowToFindADeletedItem()
    {
        var result = Run("history", "evals.litedb", "qa", "nope");

        Assert.That(result.Error, Is.EqualTo($"error: Dataset 'qa' has never had an item with the id 'nope', and no current item has that external id. A deleted item's history is found by its id (see 'litedatasets diff').{NewLine}"));
    }
}
