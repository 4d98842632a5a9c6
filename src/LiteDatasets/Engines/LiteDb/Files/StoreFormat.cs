namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The on-disk identity of a LiteDatasets store: how a file is recognised from its raw bytes before LiteDB
/// is allowed to touch it, and which format version it holds.
/// </summary>
internal static class StoreFormat
{
    /// <summary>LiteDB's page size; LiteDB files are whole pages.</summary>
    public const int PageSize = 8192;

    /// <summary>
    /// Marker stored in LiteDB's <c>USER_VERSION</c> header pragma: "LD" in the high half, the format version
    /// in the low half. It sits at a fixed offset of the header page, so a file can be recognised without
    /// LiteDB opening it.
    /// </summary>
    public const int MarkerBase = 0x4C44_0000;

    /// <summary>Offset of LiteDB's "** This is a LiteDB file **" banner in the header page.</summary>
    public const int HeaderInfoOffset = 32;

    /// <summary>The banner LiteDB writes in its header page.</summary>
    public const string HeaderInfo = "** This is a LiteDB file **";

    /// <summary>Offset of LiteDB's file-format byte (8 for LiteDB 5).</summary>
    public const int FileVersionOffset = 59;

    /// <summary>LiteDB 5's file-format byte.</summary>
    public const byte LiteDbFileVersion = 8;

    /// <summary>Offset of the header's last page id: a shorter file has lost pages.</summary>
    public const int LastPageIdOffset = 64;

    /// <summary>Offset of the header's creation time.</summary>
    public const int CreationTimeOffset = 68;

    /// <summary>Offset of a page's type byte (1 for LiteDB's header page).</summary>
    public const int PageTypeOffset = 4;

    /// <summary>Offset of the <c>USER_VERSION</c> pragma.</summary>
    public const int UserVersionOffset = 76;

    /// <summary>Returns the marker for a format version.</summary>
    public static int MarkerFor(int formatVersion) => MarkerBase | formatVersion;
}
