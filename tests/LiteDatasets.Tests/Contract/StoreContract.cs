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
    public void CloseStore()
    {
        Store.Dispose();
        OnStoreClosed();
    }

    /// <summary>Releases whatever <see cref="OpenStore"/> made besides the store.</summary>
    protected virtual void OnStoreClosed()
    {
    }

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
    // Disposed by OnStoreClosed, which the base tear-down calls after closing the store.
#pragma warning disable NUnit1032
    private TempDirectory? _directory;
#pragma warning restore NUnit1032

    protected override DatasetStore OpenStore(FakeClock clock)
    {
        _directory = new TempDirectory();
        return DatasetStore.Open(new DatasetStoreOptions { Path = _directory.File("store.litedb"), TimeProvider = clock });
    }

    protected override void OnStoreClosed() => _directory?.Dispose();
}
