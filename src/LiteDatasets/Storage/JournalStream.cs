using System.Buffers.Binary;
using System.Text;

namespace LiteDatasets.Storage;

/// <summary>
/// The store's write-ahead log: LiteDB's log pages behind a header page of the store's own.
/// </summary>
/// <remarks>
/// <para>The header page names the data file the journal belongs to (the data file's creation stamp), so a
/// stale journal left beside a different data file is recognised and never replayed into it.</para>
/// <para>With durability on, a commit cannot be torn or reordered: LiteDB marks the last page of a commit
/// "confirmed" and trusts that flag on recovery without checksums. The journal therefore writes that page
/// with the flag cleared, syncs (so every page of the commit is on stable storage), sets the flag with a
/// one-byte write, and syncs again before the commit returns.</para>
/// </remarks>
internal sealed class JournalStream : PageStream
{
    /// <summary>Offset of LiteDB's "confirmed" flag inside a page header.</summary>
    private const int ConfirmedFlagOffset = 18;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("LiteDatasets journal v1\0");

    private readonly bool _durable;

    public JournalStream(Stream inner, Action syncToDisk, bool durable)
        : base(inner, syncToDisk, StoreFormat.PageSize) => _durable = durable;

    /// <summary>Gets the number of commits made durable (for tests and diagnostics).</summary>
    public long DurableCommits { get; private set; }

    /// <summary>Whether the journal holds pages beyond its header page.</summary>
    public bool HasPages => Inner.Length > StoreFormat.PageSize;

    /// <summary>Reads the data-file identity from a journal's header page, or null when the header is not ours.</summary>
    public static byte[]? ReadOwner(Stream journal)
    {
        if (journal.Length < StoreFormat.PageSize)
        {
            return null;
        }

        var header = new byte[StoreFormat.PageSize];
        journal.Position = 0;
        journal.ReadExactly(header);
        return header.AsSpan(0, Magic.Length).SequenceEqual(Magic) ? header.AsSpan(Magic.Length, 8).ToArray() : null;
    }

    /// <summary>Writes a fresh header page naming <paramref name="owner"/> and drops any pages.</summary>
    public static void Initialize(Stream journal, ReadOnlySpan<byte> owner, Action syncToDisk)
    {
        var header = new byte[StoreFormat.PageSize];
        Magic.CopyTo(header, 0);
        owner.CopyTo(header.AsSpan(Magic.Length));
        journal.SetLength(0);
        journal.Position = 0;
        journal.Write(header);
        syncToDisk();
    }

    /// <summary>Reads the identity of a data file from its header page.</summary>
    public static byte[] DataFileIdentity(ReadOnlySpan<byte> dataHeader) =>
        dataHeader.Slice(StoreFormat.CreationTimeOffset, 8).ToArray();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!_durable || count != StoreFormat.PageSize || buffer[offset + ConfirmedFlagOffset] == 0)
        {
            base.Write(buffer, offset, count);
            return;
        }

        var pagePosition = Inner.Position;
        var page = buffer.AsSpan(offset, count).ToArray();
        page[ConfirmedFlagOffset] = 0;
        Inner.Write(page);
        Sync();

        Inner.Position = pagePosition + ConfirmedFlagOffset;
        Inner.WriteByte(1);
        Sync();
        Inner.Position = pagePosition + count;
        DurableCommits++;
    }

    /// <summary>Returns the owner stamp as a number, for messages.</summary>
    public static long OwnerStamp(ReadOnlySpan<byte> owner) => BinaryPrimitives.ReadInt64LittleEndian(owner);
}
