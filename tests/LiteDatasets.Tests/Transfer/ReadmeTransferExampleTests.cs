using System.Text.RegularExpressions;

namespace LiteDatasets.Tests.Transfer;

/// <summary>Keeps the README's import/export example compiling and true: the code between the markers is the README's.</summary>
[TestFixture]
public sealed partial class ReadmeTransferExampleTests
{
    [Test]
    public void ReadmeTransferExample_Runs_AndExportsTheTaggedVersion()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File(Path.Combine("data", "gsm8k")));
        File.Copy(DatasetTransferTests.Gsm8k("train.jsonl"), directory.File(Path.Combine("data", "gsm8k", "train.jsonl")));
        using var store = DatasetStore.OpenInMemory();
        var ds = store.CreateDataset(new DatasetDefinition("gsm8k"));
        var cwd = Environment.CurrentDirectory;
        Environment.CurrentDirectory = directory.Path;
        try
        {
            // README example begins
            var report = DatasetTransfer.Import(store, ds.Id, "data/gsm8k/train.jsonl", new ImportOptions
            {
                Mapping = new FieldMapping { Input = ["question"], ExpectedOutput = "answer" },
            });                                                         // report.Result.Version, .Added, …
            store.TagVersion(ds.Id, report.Result.Version, "golden");
            DatasetTransfer.Export(store, ds.Id, "golden.csv", new ExportOptions { Tag = "golden" });
            // README example ends

            Assert.Multiple(() =>
            {
                Assert.That(report.Result.Added, Is.EqualTo(7473));
                Assert.That(File.ReadLines(directory.File("golden.csv")).First(), Is.EqualTo("id,externalId,input:json,expectedOutput:json,metadata:json"));
            });
        }
        finally
        {
            // Tests run one at a time, so changing the process's directory for this test is safe.
            Environment.CurrentDirectory = cwd;
        }
    }

    [Test]
    public void ReadmeTransferExample_MatchesTheReadme()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(DatasetTransferTests.Gsm8k("train.jsonl"))))!;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var source = File.ReadAllText(Path.Combine(root, "tests", "LiteDatasets.Tests", "Transfer", "ReadmeTransferExampleTests.cs"));
        var inReadme = ReadmeBlock().Match(readme).Groups[1].Value;
        var inTest = TestBlock().Match(source).Groups[1].Value;

        Assert.That(Normalise(inReadme), Is.EqualTo(Normalise(inTest)).And.Not.Empty);
    }

    private static string Normalise(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"<!-- transfer-example -->\s*```csharp\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"// README example begins\s*\n(.*?)\s*// README example ends", RegexOptions.Singleline)]
    private static partial Regex TestBlock();
}
