using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>
/// Behaviour every store must have, written once and run against each kind of store (a file and memory).
/// Split into partial files by aspect.
/// </summary>
public abstract partial class StoreContract
{
    protected DatasetStore Store { get; private set; } = null!;

    protected FakeClock Clock { get; private set; } = null!;

    /// <summary>Opens a fresh, empty store using <paramref name="clock"/>.</summary>
    protected abstract DatasetStore OpenStore(FakeClock clock);

    [SetUp]
    public void OpenFreshStore()
    {
        Clock = new FakeClock();
        Store = OpenStore(Clock);
    }

    [TearDown]
    public void CloseStore() => Store.Dispose();

    protected Dataset NewDataset(string name = "qa") => Store.CreateDataset(new DatasetDefinition(name));

    protected static ItemDraft Draft(string input, string? expected = null, string? externalId = null) =>
        new(JsonValue.Create(input)) { ExpectedOutput = expected is null ? null : JsonValue.Create(expected), ExternalId = externalId };

    protected static string Text(JsonNode? node) => node?.ToJsonString() ?? "<null>";
}

[TestFixture]
public sealed class MemoryStoreContract : StoreContract
{
    protected override DatasetStore OpenStore(FakeClock clock) => DatasetStore.OpenInMemory(new DatasetStoreOptions { TimeProvider = clock });
}

[TestFixture]
public sealed class FileStoreContract : StoreContract
{
    private TempDirectory? _directory;

    // NUnit runs the base class's SetUp (which opens the store) before this class's, and its TearDown (which
    // closes it) after this class's: so the directory is made on first use, and the store is closed here
    // before its directory is removed.
    [TearDown]
    public void DeleteDirectory()
    {
        Store.Dispose();
        _directory?.Dispose();
        _directory = null;
    }

    protected override DatasetStore OpenStore(FakeClock clock)
    {
        _directory ??= new TempDirectory();
        return DatasetStore.Open(new DatasetStoreOptions { Path = _directory.File("store.litedb"), TimeProvider = clock });
    }
}
