using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Transfer;

/// <summary>Constant metadata on every imported item, and record numbers as keys for files that have none.</summary>
public sealed partial class DatasetTransferTests
{
    private const string Unkeyed = "{\"q\":\"1+1\",\"a\":\"2\"}\n\n{\"q\":\"2+2\",\"a\":\"4\"}\n{\"q\":\"3+3\",\"a\":\"6\"}\n";

    [Test]
    public void Import_ConstantMetadata_IsSetOnEveryItemBesideMappedFields()
    {
        var ds = NewDataset();
        var options = new ImportOptions
        {
            Mapping = new FieldMapping
            {
                Input = ["q"],
                Metadata = ["a"],
                ConstantMetadata = new Dictionary<string, JsonNode?> { ["split"] = "test", ["round"] = 3 },
            },
        };

        Import(ds, "qa.jsonl", Unkeyed, options);

        Assert.That(_store.ReadItems(ds).Select(i => i.Metadata!.ToJsonString()), Is.EqualTo(new[]
        {
            """{"a":"2","split":"test","round":3}""",
            """{"a":"4","split":"test","round":3}""",
            """{"a":"6","split":"test","round":3}""",
        }));
    }

    [Test]
    public void Import_ConstantNamedLikeAMappedMetadataField_IsRefused()
    {
        var ds = NewDataset();
        var options = new ImportOptions
        {
            Mapping = new FieldMapping { Input = ["q"], Metadata = ["/info/split"], ConstantMetadata = new Dictionary<string, JsonNode?> { ["split"] = "test" } },
        };

        var ex = Assert.Throws<ArgumentException>(() => Import(ds, "qa.jsonl", Unkeyed, options))!;

        Assert.That(ex.Message, Does.StartWith("The metadata field 'split' is both mapped from the field '/info/split' and set to a constant; drop one of them."));
    }

    [Test]
    public void Import_KeyFromLineInJsonl_UsesLineNumbersCountingBlankLines()
    {
        var ds = NewDataset();

        Import(ds, "qa.jsonl", Unkeyed, new ImportOptions { Mapping = new FieldMapping { Input = ["q"], KeyFromLine = true } });

        Assert.That(_store.ReadItems(ds).Select(i => i.ExternalId), Is.EqualTo(new[] { "1", "3", "4" }));
    }

    [TestCase("qa.csv", "q,a\n1+1,2\n\"2+2\nlong\",4\n3+3,6\n")]
    [TestCase("qa.json", "[{\"q\":\"1+1\"},\n{\"q\":\"2+2\"}, {\"q\":\"3+3\"}]")]
    public void Import_KeyFromLineInCsvOrJson_UsesTheRecordsPosition(string file, string text)
    {
        var ds = NewDataset();

        Import(ds, file, text, new ImportOptions { Mapping = new FieldMapping { Input = ["q"], KeyFromLine = true } });

        Assert.That(_store.ReadItems(ds).Select(i => i.ExternalId), Is.EqualTo(new[] { "1", "2", "3" }));
    }

    [Test]
    public void Import_KeyFromLineSameFileAgain_UpsertsNothing()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"], ExpectedOutput = "a", KeyFromLine = true }, Mode = ImportMode.Upsert };
        Import(ds, "qa.jsonl", Unkeyed, options);

        var again = Import(ds, "qa.jsonl", Unkeyed, options);
        var changed = Import(ds, "qa.jsonl", Unkeyed.Replace("\"6\"", "\"7\"", StringComparison.Ordinal), options);

        Assert.Multiple(() =>
        {
            Assert.That((again.Result.Created, again.Result.Unchanged), Is.EqualTo((false, 3)));
            Assert.That((changed.Result.Updated, changed.Result.Unchanged, changed.Result.Added), Is.EqualTo((1, 2, 0)));
        });
    }

    [Test]
    public void Import_KeyFromLineBesideAKeyField_IsRefused()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"], Key = "q", KeyFromLine = true } };

        var ex = Assert.Throws<ArgumentException>(() => Import(ds, "qa.jsonl", Unkeyed, options))!;

        Assert.That(ex.Message, Does.StartWith("The mapping takes the key both from a field and from the line number; choose one."));
    }

    [Test]
    public void Import_ConstantOrLineKeyWithoutInput_IsRefused()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { KeyFromLine = true } };

        var ex = Assert.Throws<ArgumentException>(() => Import(ds, "qa.jsonl", "{\"input\":1}\n", options))!;

        Assert.That(ex.Message, Does.StartWith("The mapping names an expected-output, metadata or key field but no input field"));
    }
}
