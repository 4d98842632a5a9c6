using System.Text.Json.Nodes;
using LiteDatasets.Tests.Json;

namespace LiteDatasets.Tests.Transfer;

/// <summary>
/// Items to carry through a file: payloads as JSON texts, with ids and external ids that may start or end like
/// spreadsheet formulas, quotes or line breaks. Ids and external ids are distinct.
/// </summary>
public sealed record TransferCase(IReadOnlyList<(JsonCase Json, string Id, string? ExternalId)> Items)
{
    /// <summary>Gets the items as drafts.</summary>
    public IEnumerable<ItemDraft> Drafts() => Items.Select(item => new ItemDraft(JsonNode.Parse(item.Json.Input)!)
    {
        Id = item.Id,
        ExternalId = item.ExternalId,
        ExpectedOutput = item.Json.ExpectedOutput is null ? null : JsonNode.Parse(item.Json.ExpectedOutput),
        Metadata = item.Json.Metadata is null ? null : JsonNode.Parse(item.Json.Metadata)!.AsObject(),
    });

    public override string ToString() => string.Join(
        Environment.NewLine + Environment.NewLine,
        Items.Select(item => $"id: {Quote(item.Id)}{Environment.NewLine}externalId: {(item.ExternalId is null ? "<absent>" : Quote(item.ExternalId))}{Environment.NewLine}{item.Json}"));

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();
}
