using System.Buffers.Binary;
using System.Text;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// Classifies a file from its raw bytes. LiteDB must never see a file that is not a store: it truncates
/// files whose length is not a whole number of pages and adds collections to foreign databases.
/// </summary>
internal static class FileInspection
{
    /// <summary>
    /// Reads the header page of <paramref name="stream"/> (without moving other readers) and classifies it;
    /// a store of a format above <paramref name="newestFormat"/> is a <see cref="FileKind.NewerStore"/>.
    /// </summary>
    public static (FileKind Kind, int FormatVersion) Inspect(Stream stream, int newestFormat)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return (FileKind.Empty, 0);
        }

        var header = new byte[StoreFormat.PageSize];
        stream.Position = 0;
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return Classify(header.AsSpan(0, read), length, newestFormat);
    }

    /// <summary>Classifies a header page given the file's total length.</summary>
    public static (FileKind Kind, int FormatVersion) Classify(ReadOnlySpan<byte> header, long length, int newestFormat)
    {
        // An encrypted LiteDB 5 file starts with a salt page whose first byte is 1.
        if (header.Length == StoreFormat.PageSize && length % StoreFormat.PageSize == 0 && header[0] == 1
            && length >= 2 * StoreFormat.PageSize)
        {
            return (FileKind.EncryptedLiteDb, 0);
        }

        if (header.Length < StoreFormat.PageSize)
        {
            return (FileKind.NotLiteDb, 0);
        }

        var banner = Encoding.ASCII.GetBytes(StoreFormat.HeaderInfo);
        if (!header.Slice(StoreFormat.HeaderInfoOffset, banner.Length).SequenceEqual(banner)
            || header[StoreFormat.FileVersionOffset] != StoreFormat.LiteDbFileVersion)
        {
            return (FileKind.NotLiteDb, 0);
        }

        var marker = BinaryPrimitives.ReadInt32LittleEndian(header[StoreFormat.UserVersionOffset..]);
        if ((marker & unchecked((int)0xFFFF_0000)) != StoreFormat.MarkerBase)
        {
            return (FileKind.ForeignLiteDb, 0);
        }

        var format = marker & 0xFFFF;
        if (format > newestFormat)
        {
            return (FileKind.NewerStore, format);
        }

        if (length % StoreFormat.PageSize != 0)
        {
            return (FileKind.PartialPage, format);
        }

        var lastPage = BinaryPrimitives.ReadUInt32LittleEndian(header[StoreFormat.LastPageIdOffset..]);
        return (lastPage + 1L) * StoreFormat.PageSize > length ? (FileKind.TruncatedStore, format) : (FileKind.Store, format);
    }
}
