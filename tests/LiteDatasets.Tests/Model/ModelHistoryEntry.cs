using System.Globalization;

namespace LiteDatasets.Tests.Model;

/// <summary>One entry of an item's history as the API contract defines it.</summary>
public sealed class ModelHistoryEntry(ModelItem item, long validFrom, bool isDelete)
{
    public ModelItem Item { get; } = item;

    public long ValidFrom { get; } = validFrom;

    public long? ValidTo { get; set; }

    public bool IsDelete { get; } = isDelete;

    public string Describe() => Describe(Item.Describe(), ValidFrom, ValidTo, IsDelete);

    public static string Describe(ItemRevision revision) =>
        Describe(ModelItem.Describe(revision.Item), revision.ValidFrom, revision.ValidTo, revision.IsDelete);

    private static string Describe(string item, long validFrom, long? validTo, bool isDelete) =>
        string.Create(CultureInfo.InvariantCulture, $"[{validFrom}, {validTo?.ToString(CultureInfo.InvariantCulture) ?? "open"}) {(isDelete ? "DELETE " : "")}{item}");
}
