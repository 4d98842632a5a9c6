using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework.Constraints;

namespace LiteDatasets.Tests.Contract;

/// <summary>Helpers shared by the contract's aspects.</summary>
public sealed partial class StoreContract
{
    /// <summary>Parses JSON text that is not the literal null.</summary>
    private static JsonNode Node(string json) =>
        JsonNode.Parse(json) ?? throw new ArgumentException("The text is the JSON literal null.", nameof(json));

    private static JsonObject Obj(string json) => Node(json).AsObject();

    /// <summary>A draft whose parts are given as JSON text.</summary>
    private static ItemDraft JsonDraft(string input, string? expected = null, string? metadata = null, string? externalId = null, string? id = null) =>
        new(Node(input))
        {
            ExpectedOutput = expected is null ? null : Node(expected),
            Metadata = metadata is null ? null : Obj(metadata),
            ExternalId = externalId,
            Id = id,
        };

    /// <summary>A node whose value is the JSON null (not a C# null, which means "absent" anyway).</summary>
    private static JsonNode JsonNull()
    {
        var node = JsonValue.Create(System.Text.Json.JsonDocument.Parse("null"))
            ?? throw new InvalidOperationException("This runtime gives no node for a JSON null document.");
        Assert.That(node.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Null), "the helper must build a JSON null node");
        return node;
    }

    private static IResolveConstraint FailsWith(ErrorCode code) =>
        Throws.InstanceOf<LiteDatasetsException>().With.Property(nameof(LiteDatasetsException.Code)).EqualTo(code);

    private static string[] Inputs(IEnumerable<DatasetItem> items) => [.. items.Select(i => Text(i.Input))];

    private static string[] Ids(IEnumerable<DatasetItem> items) => [.. items.Select(i => i.Id)];

    /// <summary>Everything a caller can see of one item, as one line.</summary>
    private static string Describe(DatasetItem item) => FormattableString.Invariant(
        $"{item.Id}|{item.DatasetId}|{item.ExternalId ?? "-"}|{Text(item.Input)}|{Text(item.ExpectedOutput)}|{Text(item.Metadata)}|{item.Version}|{item.CreatedAt.UtcTicks}|{item.UpdatedAt.UtcTicks}");

    /// <summary>Everything a caller can see of a dataset: definition, counters, live items, versions and tags.</summary>
    private string StateOf(string datasetId)
    {
        var dataset = Store.GetDataset(datasetId);
        if (dataset is null)
        {
            return "<no dataset>";
        }

        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant(
            $"{dataset.Name}|{dataset.Description}|{Text(dataset.Metadata)}|{Text(dataset.InputSchema)}|{Text(dataset.ExpectedOutputSchema)}|{dataset.Version}|{dataset.ItemCount}|{dataset.UpdatedAt.UtcTicks}"));
        foreach (var item in Store.ReadItems(datasetId))
        {
            text.AppendLine(Describe(item));
        }

        foreach (var version in Store.ListVersions(datasetId, new VersionQuery { PageSize = 1000 }).Items)
        {
            text.AppendLine(FormattableString.Invariant(
                $"v{version.Number}|{version.Message}|{version.Added}|{version.Updated}|{version.Deleted}|{version.ItemCount}|{string.Join(",", version.Tags)}"));
        }

        text.AppendLine(string.Join(",", Store.GetVersion(datasetId, 0).Tags));
        return text.ToString();
    }

    /// <summary>
    /// Runs a call that must fail with <paramref name="code"/> and checks that it wrote nothing to the dataset
    /// (the clock is moved first, so that even a stray timestamp update would show).
    /// </summary>
    private LiteDatasetsException AssertRefused(string datasetId, ErrorCode code, TestDelegate call)
    {
        var before = StateOf(datasetId);
        Clock.Advance(TimeSpan.FromSeconds(7));
        var error = Assert.Catch<LiteDatasetsException>(call, "Expected the call to fail with {0}.", code);
        Assert.Multiple(() =>
        {
            Assert.That(error?.Code, Is.EqualTo(code), error?.Message);
            Assert.That(StateOf(datasetId), Is.EqualTo(before), "A refused call must write nothing.");
        });
        return error ?? throw new InvalidOperationException("Unreachable: the assertion above has already failed.");
    }

    /// <summary>Adds <paramref name="count"/> string items named <c>item-0</c>, <c>item-1</c>… in one version.</summary>
    private Commit AddNumbered(string datasetId, int count, int from = 0) =>
        Store.AddItems(datasetId, Enumerable.Range(from, count).Select(i => Draft(FormattableString.Invariant($"item-{i}"))).ToList());
}
