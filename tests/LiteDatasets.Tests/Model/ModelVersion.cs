using System.Globalization;

namespace LiteDatasets.Tests.Model;

/// <summary>What one version did and held.</summary>
public sealed record ModelVersion(long Number, long CreatedAt, string? Message, int Added, int Updated, int Deleted, long ItemCount, string Fingerprint)
{
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"#{Number} at={ModelItem.Time(CreatedAt):O} msg={Message ?? "<none>"} +{Added} ~{Updated} -{Deleted} count={ItemCount} schema=False fp={Fingerprint}");

    public static string Describe(DatasetVersion version) => string.Create(
        CultureInfo.InvariantCulture,
        $"#{version.Number} at={version.CreatedAt:O} msg={version.Message ?? "<none>"} +{version.Added} ~{version.Updated} -{version.Deleted} count={version.ItemCount} schema={version.SchemaChanged} fp={version.Fingerprint}");
}
