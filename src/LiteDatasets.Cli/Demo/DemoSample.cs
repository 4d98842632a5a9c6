using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Demo;

/// <summary>
/// The GSM8K problems bundled with the tool for <c>demo</c> (MIT licence; the notice is embedded beside them
/// as <c>GSM8K-LICENSE.txt</c>).
/// </summary>
internal static class DemoSample
{
    private const string SampleResource = "LiteDatasets.Cli.Demo.gsm8k-sample.jsonl";

    /// <summary>Reads the bundled problems, each given a key <c>gsm8k-test-NNNN</c> (its line in the test split).</summary>
    public static IReadOnlyList<JsonObject> Problems()
    {
        using var stream = typeof(DemoSample).Assembly.GetManifestResourceStream(SampleResource)
            ?? throw new InvalidOperationException("The demo sample is missing from the tool.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var problems = new List<JsonObject>();
        while (reader.ReadLine() is { } line)
        {
            var problem = (JsonObject)JsonNode.Parse(line)!;
            problem.Insert(0, "id", string.Create(CultureInfo.InvariantCulture, $"gsm8k-test-{problems.Count + 1:0000}"));
            problems.Add(problem);
        }

        return problems;
    }

    /// <summary>Gets problems as JSONL bytes, ready to import.</summary>
    public static MemoryStream AsJsonl(IEnumerable<JsonObject> problems) =>
        new(Encoding.UTF8.GetBytes(string.Concat(problems.Select(p => p.ToJsonString() + "\n"))));
}
