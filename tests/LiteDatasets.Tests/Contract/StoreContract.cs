using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>
/// Behaviour every store must have, written once against <see cref="IDatasetStore"/> and run against each engine's
/// <see cref="StoreFactory"/> (a file and memory). Split into partial files by aspect.
/// </summary>
[TestFixtureSource(typeof(StoreFactory), nameof(StoreFactory.All))]
public sealed partial class StoreContract(StoreFactory factory)
{
    private IDatasetStore Store { get; set; } = null!;

    private FakeClock Clock { get; set; } = null!;

    [SetUp]
    public void OpenFreshStore()
    {
        Clock = new FakeClock();
        Store = factory.Open(Clock);
    }

    [TearDown]
    public void CloseStore()
    {
        Store.Dispose();
        factory.Cleanup();
    }

    private Dataset NewDataset(string name = "qa") => Store.CreateDataset(new DatasetDefinition(name));

    private static ItemDraft Draft(string input, string? expected = null, string? externalId = null) =>
        new(JsonValue.Create(input)) { ExpectedOutput = expected is null ? null : JsonValue.Create(expected), ExternalId = externalId };

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "<null>";
}
