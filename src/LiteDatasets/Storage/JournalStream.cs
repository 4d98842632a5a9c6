using System.Text;

namespace LiteDatasets.Storage;

/// <summary>
/// The store's write-ahead log: LiteDB's log pages behind a header page of the store's own.
/// </summary>
/// <remarks>
/// <para>The header page names the state of the data file the journal's pages apply to (the state id the
/// data file holds, which changes at every checkpoint) and, during a checkpoint, the state id the data file
/// is moving to. A journal beside a data file in any other state — another file, an older or newer copy of
/// this one — is recognised and never replayed into it.</para>
/// <para>With durability on, a commit cannot be torn or reordered: LiteDB marks the last page of a commit
/// "confirmed" and trusts that flag on recovery without checksums. The journal therefore writes that page
/// with the flag cleared, syncs (so every page of the commit is on stable storage), sets the flag with a
/// one-byte write, and syncs again before the commit returns.</para>
/// </remarks>
internal sealed class JournalStream : PageStream
{
    /// <summary>Offset of LiteDB's "confirmed" flag inside a page header.</summary>
    private const int ConfirmedFlagOffset = 18;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("LiteDatasets journal v2\0");

    private readonly bool _durable;

    public JournalStream(Stream inner, Action syncToDisk, bool durable)
        : base(inner, syncToDisk, StoreFormat.PageSize)
    {
        _durable = durable;
    }

    /// <summary>Gets the number of commits made durable (for tests and diagnostics).</summary>
    public long DurableCommits { get; private set; }

    /// <summary>Gets whether the journal holds pages beyond its header page.</summary>
    public bool HasPages => Inner.Length > StoreFormat.PageSize;

    /// <summary>Gets the size of the journal's pages in bytes.</summary>
    public long PagesLength => Math.Max(0, Inner.Length - StoreFormat.PageSize);

    /// <summary>Reads the states a journal applies to, or null when its header is not a journal header.</summary>
    public static (Guid Owner, Guid Next)? ReadOwners(Stream journal)
    {
        if (journal.Length < StoreFormat.PageSize)
        {
            return null;
        }

        var header = new byte[StoreFormat.PageSize];
        journal.Position = 0;
        journal.ReadExactly(header);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }

        return (new Guid(header.AsSpan(Magic.Length, 16)), new Guid(header.AsSpan(Magic.Length + 16, 16)));
    }

    /// <summary>Writes the header page naming the data-file states the journal applies to, and syncs it.</summary>
    public static void WriteOwners(Stream journal, Guid owner, Guid next, Action syncToDisk)
    {
        var header = new byte[StoreFormat.PageSize];
        Magic.CopyTo(header, 0);
        owner.TryWriteBytes(header.AsSpan(Magic.Length, 16));
        next.TryWriteBytes(header.AsSpan(Magic.Length + 16, 16));
        if (journal.Length < StoreFormat.PageSize)
        {
            journal.SetLength(StoreFormat.PageSize);
        }

        journal.Position = 0;
        journal.Write(header);
        syncToDisk();
    }

    /// <summary>Names the data-file states this journal applies to.</summary>
    public void SetOwners(Guid owner, Guid next)
    {
        var position = Inner.Position;
        WriteOwners(Inner, owner, next, SyncToDisk);
        Inner.Position = position;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!_durable || count != StoreFormat.PageSize || buffer[offset + ConfirmedFlagOffset] == 0)
        {
            base.Write(buffer, offset, count);
            return;
        }

        ThrowIfFrozen();
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
}
