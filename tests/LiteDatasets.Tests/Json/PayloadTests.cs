using System.Text;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Json;

/// <summary>
/// Payload round trips and refusals, written once and run against a memory store and a file store. Split into
/// partial files: the nasty document, and what is refused.
/// </summary>
public abstract partial class PayloadTests
{
    protected DatasetStore Store { get; set; } = null!;

    /// <summary>Opens a fresh, empty store.</summary>
    protected abstract DatasetStore OpenStore();

    /// <summary>Closes the store and opens the same one again, or returns the store itself when it lives in memory.</summary>
    protected abstract DatasetStore Reopen(DatasetStore store);

    [SetUp]
    public void OpenFreshStore() => Store = OpenStore();

    [TearDown]
    public void CloseStore() => Store.Dispose();

    /// <summary>Nests containers <paramref name="levels"/> deep; <paramref name="keyAt"/> gives an object key for a level, or null for an array.</summary>
    protected static JsonNode Nest(int levels, Func<int, string?> keyAt)
    {
        JsonNode node = keyAt(levels - 1) is { } innermostKey ? new JsonObject { [innermostKey] = 1 } : new JsonArray(1);
        for (var level = levels - 2; level >= 0; level--)
        {
            node = keyAt(level) is { } key ? new JsonObject { [key] = node } : new JsonArray(node);
        }

        return node;
    }

    /// <summary>The JSON Pointer of the container at <paramref name="levels"/> (1-based) in a <see cref="Nest"/> chain.</summary>
    protected static string PointerTo(string part, int levels, Func<int, string?> keyAt)
    {
        var pointer = new StringBuilder(part);
        for (var level = 0; level < levels - 1; level++)
        {
            pointer.Append('/').Append(keyAt(level) is { } key ? key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) : "0");
        }

        return pointer.ToString();
    }

    /// <summary>Returns the depth of a value (the root container is level 1, a scalar is 0).</summary>
    protected static int Depth(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray array => 1 + array.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    protected static (string, string, string) Texts(JsonNode? input, JsonNode? expected, JsonNode? metadata) =>
        (input?.ToJsonString() ?? "<null>", expected?.ToJsonString() ?? "<null>", metadata?.ToJsonString() ?? "<null>");

    protected static (string, string, string) Texts(DatasetItem? item) =>
        item is null ? ("<no item>", "", "") : Texts(item.Input, item.ExpectedOutput, item.Metadata);
}

[TestFixture]
public sealed class MemoryPayloadTests : PayloadTests
{
    protected override DatasetStore OpenStore() => DatasetStore.OpenInMemory();

    protected override DatasetStore Reopen(DatasetStore store) => store;
}

[TestFixture]
public sealed class FilePayloadTests : PayloadTests
{
    private TempDirectory? _directory;

    protected override DatasetStore OpenStore()
    {
        _directory = new TempDirectory();
        return DatasetStore.Open(_directory.File("payloads.litedb"));
    }

    protected override DatasetStore Reopen(DatasetStore store)
    {
        store.Dispose();
        return DatasetStore.Open(_directory!.File("payloads.litedb"));
    }

    // Runs before the base class's teardown: close the store (closing twice is harmless), then delete its file.
    [TearDown]
    public void DeleteDirectory()
    {
        Store.Dispose();
        _directory?.Dispose();
    }
}
