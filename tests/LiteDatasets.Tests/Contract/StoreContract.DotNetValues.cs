using System.Text.Json.Nodes;
using LiteDatasets.PostgreSql;

namespace LiteDatasets.Tests.Contract;

/// <summary>
/// Payloads holding .NET values (<c>JsonValue.Create(record)</c>, a date, a char…): stored as the JSON the serialiser
/// writes for them, read back as that JSON, and fingerprinted from what is read back, so that a recomputed
/// fingerprint and Verify agree with the one kept at write time.
/// </summary>
public sealed partial class StoreContract
{
    private static readonly DateTime ReadingTime = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public static IEnumerable<string> DotNetValueNames() =>
    [
        "DateTime", "DateTimeOffset", "char", "Guid", "enum", "decimal", "record", "record in an object", "values in an array", "dictionary",
    ];

    /// <summary>A fresh node holding the .NET value named <paramref name="name"/> (a node has one parent, so each use needs its own).</summary>
    private static JsonNode DotNetValue(string name) => name switch
    {
        "DateTime" => JsonValue.Create(ReadingTime),
        "DateTimeOffset" => JsonValue.Create(new DateTimeOffset(ReadingTime.Ticks, TimeSpan.FromHours(2))),
        "char" => JsonValue.Create('q'),
        "Guid" => JsonValue.Create(Guid.Parse("0191f1c2-7d3a-7b4e-9a55-1e2f3a4b5c6d")),
        "enum" => JsonValue.Create(DayOfWeek.Friday)!,
        "decimal" => JsonValue.Create(1.50m),
        "record" => JsonValue.Create(NewReading())!,
        "record in an object" => new JsonObject { ["z"] = JsonValue.Create(NewReading()), ["a"] = JsonValue.Create(ReadingTime) },
        "values in an array" => new JsonArray(JsonValue.Create('x'), JsonValue.Create(NewReading()), new JsonObject { ["at"] = JsonValue.Create(ReadingTime) }),
        "dictionary" => JsonValue.Create(new Dictionary<string, object> { ["zeta"] = 1, ["alpha"] = NewReading() })!,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such case."),
    };

    /// <summary>A record whose members are not in ordinal order, nested, with a date inside.</summary>
    private static Reading NewReading() => new("north", 7, [3, 1], new ReadingSource("probe", ReadingTime));

    [TestCaseSource(nameof(DotNetValueNames))]
    public void AddItems_DotNetValue_ReadsBackAsItsJsonAfterReopeningAndFingerprintsAgree(string name)
    {
        var ds = NewDataset();
        var json = TextOfJsonOf(name);
        var draft = new ItemDraft(DotNetValue(name)) { ExpectedOutput = DotNetValue(name), Metadata = new JsonObject { ["v"] = DotNetValue(name) } };

        var commit = Store.AddItem(ds.Id, draft);
        Store = factory.Reopen(Store, Clock);

        var read = Store.GetItem(ds.Id, commit.Items[0].Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((Text(commit.Items[0].Input), Text(read.Input), Text(read.ExpectedOutput)), Is.EqualTo((json, json, json)));
            Assert.That(Text(read.Metadata), Is.EqualTo("{\"v\":" + json + "}"));
            Assert.That(Store.ComputeFingerprint(ds.Id), Is.EqualTo(Store.GetVersion(ds.Id, 1).Fingerprint), "the fingerprint recomputed from the stored items");
            Assert.That(VerifyProblems(), Is.Empty, "Verify");
        });
    }

    [TestCaseSource(nameof(DotNetValueNames))]
    public void UpsertItems_TheJsonTextOfAStoredDotNetValue_IsTheSameContent(string name)
    {
        var ds = NewDataset();
        var json = DotNetValue(name).ToJsonString();
        Store.UpsertItems(ds.Id, [new ItemDraft(DotNetValue(name)) { Metadata = new JsonObject { ["v"] = DotNetValue(name) }, ExternalId = "k" }]);

        var again = Store.UpsertItems(ds.Id, [JsonDraft(json, metadata: "{\"v\":" + json + "}", externalId: "k")]);

        Assert.That((again.Created, again.Version), Is.EqualTo((false, 1L)));
    }

    [Test]
    public void ListItems_MetadataFilterHoldingDotNetValues_MatchesTheSameJson()
    {
        var ds = NewDataset();
        var json = DotNetValue("record").ToJsonString();
        Store.AddItems(ds.Id, [JsonDraft("\"other\"", metadata: """{"r":{"zone":"south"}}"""), JsonDraft("\"it\"", metadata: "{\"r\":" + json + "}")]);

        var query = new ItemQuery { Metadata = new Dictionary<string, JsonNode?> { ["r"] = DotNetValue("record") } };

        Assert.That(Inputs(Store.ListItems(ds.Id, query).Items), Is.EqualTo(new[] { "\"it\"" }));
    }

    [TestCase("a type", false)]
    [TestCase("a cycle", false)]
    [TestCase("a cycle", true)]
    public void AddItems_DotNetValueTheSerialiserRefuses_ThrowsInvalidPayloadSayingWhy(string which, bool asTheWholeInput)
    {
        var ds = NewDataset();
        JsonNode bad = which == "a type" ? JsonValue.Create(typeof(string))! : JsonValue.Create(ReadingLoop.Closed())!;
        var input = asTheWholeInput ? bad : new JsonObject { ["k"] = new JsonArray(JsonValue.Create(ReadingTime), bad) };

        var error = RefusedPayload(ds.Id, () => Store.AddItems(ds.Id, [Draft("fine"), new ItemDraft(input)]));

        Assert.Multiple(() =>
        {
            Assert.That((error.ItemIndex, error.Path), Is.EqualTo(((int?)1, asTheWholeInput ? "/input" : "/input/k/1")));
            Assert.That(error.Message, Does.Contain("cannot be serialised").And.Not.Contain("surrogate"));
        });
    }

    /// <summary>
    /// The JSON of the .NET value named <paramref name="name"/> as a node parsed from that JSON writes it: the same
    /// value, but the serialiser leaves some characters unescaped (the <c>+</c> of an offset) that a parsed node escapes.
    /// </summary>
    private static string TextOfJsonOf(string name) => Text(Node(DotNetValue(name).ToJsonString()));

    /// <summary>The problems Verify finds, for an engine whose store has it.</summary>
    private IEnumerable<string> VerifyProblems()
    {
        var report = Store switch
        {
            DatasetStore store => store.Verify(),
            PostgresDatasetStore store => store.Verify(),
            _ => throw new InvalidOperationException($"No Verify known for {Store.GetType().Name}."),
        };
        return report.Problems.Select(p => p.Description);
    }

    private sealed record Reading(string Zone, int Amount, int[] Counts, ReadingSource Source);

    private sealed record ReadingSource(string Name, DateTime At);

    /// <summary>An object graph that refers to itself, which the serialiser refuses.</summary>
    private sealed class ReadingLoop
    {
        public ReadingLoop? Next { get; set; }

        public static ReadingLoop Closed()
        {
            var loop = new ReadingLoop();
            loop.Next = loop;
            return loop;
        }
    }
}
