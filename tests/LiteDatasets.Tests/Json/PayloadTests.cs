using System.Text;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Json;

/// <summary>
/// Payload round trips and refusals, written once and run against every engine's <see cref="StoreFactory"/>. Split
/// into partial files: the nasty document, and what is refused.
/// </summary>
[TestFixtureSource(typeof(StoreFactory), nameof(StoreFactory.All))]
public sealed partial class PayloadTests(StoreFactory factory)
{
    private IDatasetStore Store { get; set; } = null!;

    [SetUp]
    public void OpenFreshStore() => Store = factory.Open(TimeProvider.System);

    [TearDown]
    public void CloseStore()
    {
        Store.Dispose();
        factory.Cleanup();
    }

    /// <summary>Closes the store and opens the same one again (a store in memory stays as it is).</summary>
    private IDatasetStore Reopen(IDatasetStore store) => factory.Reopen(store, TimeProvider.System);

    /// <summary>Nests containers <paramref name="levels"/> deep; <paramref name="keyAt"/> gives an object key for a level, or null for an array.</summary>
    private static JsonNode Nest(int levels, Func<int, string?> keyAt)
    {
        JsonNode node = keyAt(levels - 1) is { } innermostKey ? new JsonObject { [innermostKey] = 1 } : new JsonArray(1);
        for (var level = levels - 2; level >= 0; level--)
        {
            node = keyAt(level) is { } key ? new JsonObject { [key] = node } : new JsonArray(node);
        }

        return node;
    }

    /// <summary>The JSON Pointer of the container at <paramref name="levels"/> (1-based) in a <see cref="Nest"/> chain.</summary>
    private static string PointerTo(string part, int levels, Func<int, string?> keyAt)
    {
        var pointer = new StringBuilder(part);
        for (var level = 0; level < levels - 1; level++)
        {
            pointer.Append('/').Append(keyAt(level) is { } key ? key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) : "0");
        }

        return pointer.ToString();
    }

    /// <summary>Returns the depth of a value (the root container is level 1, a scalar is 0).</summary>
    private static int Depth(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray array => 1 + array.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static (string, string, string) Texts(JsonNode? input, JsonNode? expected, JsonNode? metadata) =>
        (input?.ToJsonString() ?? "<null>", expected?.ToJsonString() ?? "<null>", metadata?.ToJsonString() ?? "<null>");

    private static (string, string, string) Texts(DatasetItem? item) =>
        item is null ? ("<no item>", "", "") : Texts(item.Input, item.ExpectedOutput, item.Metadata);
}
