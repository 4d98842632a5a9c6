namespace LiteDatasets.Tests.Engines.LiteDb.Damage;

/// <summary>The bytes of a store file that no process has open, and of its journal when commits are still in it.</summary>
public sealed record StoreImage(string Name, byte[] Bytes, byte[]? Journal)
{
    /// <summary>LiteDB's page size (the journal's pages have the same size).</summary>
    public const int PageSize = 8192;

    /// <summary>Writes the store (and its journal, if any) at <paramref name="path"/>.</summary>
    public static void WriteTo(string path, byte[] bytes, byte[]? journal)
    {
        File.WriteAllBytes(path, bytes);
        if (journal is not null)
        {
            File.WriteAllBytes(path + "-journal", journal);
        }
    }
}
