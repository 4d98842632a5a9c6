using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Items;

/// <summary>A draft refuses a null input when it is built, as .NET types do, not later inside a write.</summary>
[TestFixture]
public sealed class ItemDraftTests
{
    [Test]
    public void Constructor_NullInput_ThrowsArgumentNullException() =>
        Assert.That(() => new ItemDraft(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("Input"));

    [Test]
    public void With_NullInput_ThrowsArgumentNullException()
    {
        var draft = new ItemDraft(JsonValue.Create("a"));

        Assert.That(() => draft with { Input = null! }, Throws.ArgumentNullException.With.Property("ParamName").EqualTo("Input"));
    }

    [Test]
    public void Constructor_NamedInput_KeepsThePositionalShape()
    {
        var draft = new ItemDraft(Input: JsonValue.Create(1)) { ExternalId = "k" };
        draft.Deconstruct(out var input);

        Assert.That(input.ToJsonString(), Is.EqualTo("1"));
    }
}
