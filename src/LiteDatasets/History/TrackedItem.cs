namespace LiteDatasets.History;

/// <summary>What <see cref="HistoryCheck"/> keeps of one item: its external id, hash and whether it is live — never its content.</summary>
internal sealed class TrackedItem(string? externalId)
{
    public string? ExternalId { get; } = externalId;

    public byte[] Hash { get; set; } = [];

    public bool Live { get; set; }
}
