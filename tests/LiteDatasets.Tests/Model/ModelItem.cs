using System.Globalization;
using System.Numerics;

namespace LiteDatasets.Tests.Model;

/// <summary>One state of one item: what a read at a version where it is live must return.</summary>
public sealed class ModelItem
{
    private BigInteger? _term;

    public ModelItem(string id, string? externalId, ModelContent content, long order, long version, long createdAt, long updatedAt)
    {
        Id = id;
        ExternalId = externalId;
        Content = content;
        Order = order;
        Version = version;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
    }

    public string Id { get; }

    public string? ExternalId { get; }

    public ModelContent Content { get; }

    /// <summary>Gets the position in first-added order.</summary>
    public long Order { get; }

    /// <summary>Gets the version at which this content became current.</summary>
    public long Version { get; }

    /// <summary>Gets when the item was first added (Unix milliseconds).</summary>
    public long CreatedAt { get; }

    /// <summary>Gets when this content became current (Unix milliseconds).</summary>
    public long UpdatedAt { get; }

    /// <summary>Gets the item's fingerprint term, computed from the definition.</summary>
    public BigInteger Term => _term ??= CanonicalJson.ItemTerm(Id, ExternalId, Content.Input, Content.Expected, Content.Metadata);

    /// <summary>Describes the item in one line, for comparing lists of items with readable failures.</summary>
    public string Describe() => Describe(Id, ExternalId, Content.Input, Content.Expected, Content.Metadata, Version, Time(CreatedAt), Time(UpdatedAt));

    public static string Describe(DatasetItem item) => Describe(
        item.Id,
        item.ExternalId,
        item.Input.ToJsonString(),
        item.ExpectedOutput?.ToJsonString(),
        item.Metadata?.ToJsonString(),
        item.Version,
        item.CreatedAt,
        item.UpdatedAt);

    public static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    private static string Describe(string id, string? externalId, string input, string? expected, string? metadata, long version, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"id={id} ext={externalId ?? "<none>"} input={input} expected={expected ?? "<absent>"} metadata={metadata ?? "<absent>"} version={version} created={createdAt:O} updated={updatedAt:O}");
}
