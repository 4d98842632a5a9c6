using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Model;

/// <summary>An item's content as the JSON texts the caller wrote (absent parts are null).</summary>
public sealed class ModelContent
{
    private string? _canonical;

    public ModelContent(string input, string? expected, string? metadata)
    {
        Input = input;
        Expected = expected;
        Metadata = metadata;
    }

    public string Input { get; }

    public string? Expected { get; }

    public string? Metadata { get; }

    /// <summary>Gets the canonical forms of the three parts, joined; equal texts mean identical content.</summary>
    public string Canonical => _canonical ??= string.Join(
        "\u0001",
        CanonicalJson.OfText(Input),
        Expected is null ? "<absent>" : CanonicalJson.OfText(Expected),
        Metadata is null ? "<absent>" : CanonicalJson.OfText(Metadata));

    public static ModelContent Of(JsonNode input, JsonNode? expected, JsonObject? metadata) =>
        new(input.ToJsonString(), expected?.ToJsonString(), metadata?.ToJsonString());

    public bool IsIdenticalTo(ModelContent other) => string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);
}
