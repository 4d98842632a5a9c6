using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Json;

/// <summary>Text parsed with an escaped lone surrogate cannot even be read as a string; the store must refuse it cleanly.</summary>
[TestFixture]
public sealed class LoneSurrogateEscapeTests
{
    [TestCase("""{"a":"\ud800"}""", "/input/a")]
    [TestCase("""{"\udc00":1}""", "/input")]
    public void AddItem_ParsedLoneSurrogateEscape_IsInvalidPayloadWithPointer(string json, string path)
    {
        using var store = DatasetStore.OpenInMemory();
        var ds = store.CreateDataset(new DatasetDefinition("qa"));

        var error = Assert.Throws<InvalidPayloadException>(() => store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse(json)!)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Path, Is.EqualTo(path));
            Assert.That(error.Message, Does.Contain("lone surrogate"));
        });
    }
}
