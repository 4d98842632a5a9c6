namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>What the raw bytes of a file say it is.</summary>
internal enum FileKind
{
    /// <summary>Zero bytes: a new store may be written into it.</summary>
    Empty,

    /// <summary>A LiteDatasets store of a format this build reads.</summary>
    Store,

    /// <summary>A LiteDatasets store written by a newer build.</summary>
    NewerStore,

    /// <summary>A LiteDB database that is not a LiteDatasets store.</summary>
    ForeignLiteDb,

    /// <summary>A store that has lost pages at its end.</summary>
    TruncatedStore,

    /// <summary>A store whose last page was cut off part-way through a write (its journal can repair it).</summary>
    PartialPage,

    /// <summary>A LiteDB database encrypted with a password.</summary>
    EncryptedLiteDb,

    /// <summary>Anything else: another format, a truncated file, random bytes.</summary>
    NotLiteDb,
}
