using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Model;

/// <summary>
/// Version fingerprints recomputed from the definition in the API contract (SHA-256 of each live item's canonical
/// JSON, summed modulo 2^256), with strings that exercise the canonical form's escaping.
/// </summary>
[TestFixture]
public sealed class FingerprintTests
{
    private DatasetStore _store = null!;

    /// <summary>Strings whose canonical text is the same under any reasonable JSON writer.</summary>
    public static IEnumerable<TestCaseData> PlainStrings() =>
    [
        new TestCaseData("plain ascii").SetName("{m}(ascii)"),
        new TestCaseData("\u00e9\u00df\u00f1").SetName("{m}(latin letters)"),
        new TestCaseData("\u4e2d\u6587").SetName("{m}(CJK)"),
        new TestCaseData("quote \" backslash \\ slash /").SetName("{m}(quote, backslash, slash)"),
        new TestCaseData("<tag> & 'apostrophe' +").SetName("{m}(HTML-sensitive characters)"),
        new TestCaseData("\b\f\n\r\t").SetName("{m}(short escapes)"),
        new TestCaseData("\u0000\u0001").SetName("{m}(U+0000 and U+0001)"),
    ];

    /// <summary>
    /// Strings that the canonical form writes as themselves (JSON requires escaping only <c>"</c>, <c>\</c> and
    /// U+0000–U+001F, and the canonical form keeps strings as written), but which a writer with an HTML-safe or
    /// relaxed encoder escapes.
    /// </summary>
    public static IEnumerable<TestCaseData> EscapeSensitiveStrings() =>
    [
        new TestCaseData("\u001f").SetName("{m}(U+001F, hex digits in lowercase)"),
        new TestCaseData("\u007f").SetName("{m}(U+007F delete)"),
        new TestCaseData("\u0085").SetName("{m}(U+0085 C1 control)"),
        new TestCaseData("\u2028\u2029").SetName("{m}(U+2028 and U+2029)"),
        new TestCaseData("\ufeff").SetName("{m}(U+FEFF byte order mark)"),
        new TestCaseData("\ue000").SetName("{m}(U+E000 private use)"),
        new TestCaseData("\u0378").SetName("{m}(U+0378 unassigned)"),
        new TestCaseData("\uffff").SetName("{m}(U+FFFF noncharacter)"),
        new TestCaseData("\U0001F600").SetName("{m}(U+1F600 astral emoji)"),
    ];

    [SetUp]
    public void Open() => _store = DatasetStore.OpenInMemory();

    [TearDown]
    public void Close() => _store.Dispose();

    [Test]
    public void GetVersion_VersionZero_FingerprintIs64Zeros()
    {
        var ds = _store.CreateDataset(new DatasetDefinition("fp"));

        Assert.That(_store.GetVersion(ds.Id, 0).Fingerprint, Is.EqualTo(new string('0', 64)));
    }

    [Test]
    public void GetVersion_SameSnapshotReachedTwoWays_FingerprintsAreEqualAndMatchDefinition()
    {
        var ds = _store.CreateDataset(new DatasetDefinition("fp"));
        var c1 = _store.AddItems(ds.Id, [new ItemDraft(JsonNode.Parse("""{"b":1,"a":[1.0,"x"]}""")!) { Id = "i1", ExternalId = "k1" }]);
        _store.UpdateItem(ds.Id, "i1", new ItemPatch { Metadata = new JsonObject { ["s"] = "train" } });
        _store.UpdateItem(ds.Id, "i1", new ItemPatch { ClearMetadata = true });
        var back = _store.GetVersion(ds.Id, 3).Fingerprint;
        var expected = CanonicalJson.Fingerprint([CanonicalJson.ItemTerm("i1", "k1", """{"b":1,"a":[1.0,"x"]}""", null, null)]);

        Assert.Multiple(() =>
        {
            Assert.That(_store.GetVersion(ds.Id, c1.Version).Fingerprint, Is.EqualTo(expected), "after the add");
            Assert.That(back, Is.EqualTo(expected), "after changing and restoring the metadata");
            Assert.That(_store.GetVersion(ds.Id, 2).Fingerprint, Is.Not.EqualTo(expected), "with metadata");
        });
    }

    [Test]
    public void GetVersion_NumberRespelled_FingerprintChanges()
    {
        var ds = _store.CreateDataset(new DatasetDefinition("fp"));
        _store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""{"n":1}""")!) { Id = "i1" });
        _store.UpdateItem(ds.Id, "i1", new ItemPatch { Input = JsonNode.Parse("""{"n":1.0}""") });

        Assert.Multiple(() =>
        {
            Assert.That(_store.GetVersion(ds.Id, 1).Fingerprint, Is.EqualTo(CanonicalJson.Fingerprint([CanonicalJson.ItemTerm("i1", null, """{"n":1}""", null, null)])));
            Assert.That(_store.GetVersion(ds.Id, 2).Fingerprint, Is.EqualTo(CanonicalJson.Fingerprint([CanonicalJson.ItemTerm("i1", null, """{"n":1.0}""", null, null)])));
        });
    }

    [TestCaseSource(nameof(PlainStrings))]
    public void GetVersion_ItemWithPlainStrings_FingerprintMatchesDefinition(string value) => CheckFingerprint(value);

    /// <remarks>
    /// The canonical form escapes strings minimally and by a fixed rule, never by a JSON encoder's own
    /// (which escapes these characters as <c>\uXXXX</c>, by a set that depends on the runtime's Unicode
    /// tables): so anyone can recompute the fingerprint from the definition, on any .NET version.
    /// </remarks>
    [TestCaseSource(nameof(EscapeSensitiveStrings))]
    public void GetVersion_ItemWithEscapeSensitiveStrings_FingerprintMatchesDefinition(string value) => CheckFingerprint(value);

    /// <summary>Stores the string as a key, a value, an external id and metadata, then compares the fingerprint.</summary>
    private void CheckFingerprint(string value)
    {
        var ds = _store.CreateDataset(new DatasetDefinition("fp"));
        var input = new JsonObject { [value] = value, ["list"] = new JsonArray(value, 1) };
        var draft = new ItemDraft(input) { Id = "item", ExternalId = "ext" + value, ExpectedOutput = JsonValue.Create(value), Metadata = new JsonObject { ["m"] = value } };
        _store.AddItem(ds.Id, draft);

        var expected = CanonicalJson.Fingerprint([CanonicalJson.ItemTerm("item", "ext" + value, input.ToJsonString(), draft.ExpectedOutput!.ToJsonString(), draft.Metadata.ToJsonString())]);
        Assert.That(_store.GetVersion(ds.Id, 1).Fingerprint, Is.EqualTo(expected));
    }
}
