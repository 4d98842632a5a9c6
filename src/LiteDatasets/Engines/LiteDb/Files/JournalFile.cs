using System.Buffers.Binary;
using System.Text;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The store's write-ahead log: LiteDB's log pages behind a header page of the store's own. One file outlives the
/// engines that write it through <see cref="JournalStream"/> views; it keeps what they need to know in common.
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
/// <para>The journal knows where the last confirmed commit ends. Pages after it belong to a write that failed
/// or is still running; after a failure they are cut off, so a refused write leaves no trace and gives its
/// disk space back.</para>
/// </remarks>
internal sealed class JournalFile
{
    /// <summary>Offset of LiteDB's "confirmed" flag inside a page header.</summary>
    internal const int ConfirmedFlagOffset = 18;

    private const int PageSize = StoreFormat.PageSize;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("LiteDatasets journal v2\0");

    private readonly Action _syncToDisk;

    /// <param name="inner">The journal file (or memory) stream, empty or starting with a header page.</param>
    /// <param name="syncToDisk">Flushes <paramref name="inner"/> to stable storage.</param>
    /// <param name="durable">Whether commits are made durable before they return.</param>
    public JournalFile(Stream inner, Action syncToDisk, bool durable)
    {
        Inner = inner;
        _syncToDisk = syncToDisk;
        Durable = durable;
        CommittedLength = Math.Max(PageSize, inner.Length);
    }

    /// <summary>Gets the stream underneath.</summary>
    public Stream Inner { get; }

    /// <summary>Gets whether commits are made durable before they return.</summary>
    public bool Durable { get; }

    /// <summary>Gets the number of commits made durable (for tests and diagnostics).</summary>
    public long DurableCommits { get; private set; }

    /// <summary>Gets how many times the journal was synced to stable storage (for tests and diagnostics).</summary>
    public long SyncCount { get; private set; }

    /// <summary>Gets whether the journal holds pages beyond its header page.</summary>
    public bool HasPages => Inner.Length > PageSize;

    /// <summary>Gets the size of the journal's pages in bytes.</summary>
    public long PagesLength => Math.Max(0, Inner.Length - PageSize);

    /// <summary>Gets where the last commit LiteDB confirmed ends (an offset in the file).</summary>
    public long CommittedLength { get; private set; }

    /// <summary>Gets the highest page number among the journal's pages: a checkpoint writes the data file up to it.</summary>
    public uint MaxPageId { get; private set; }

    /// <summary>Reads the states a journal applies to, or null when its header is not a journal header.</summary>
    public static (Guid Owner, Guid Next)? ReadOwners(Stream journal)
    {
        if (journal.Length < PageSize)
        {
            return null;
        }

        var header = new byte[PageSize];
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
        var header = new byte[PageSize];
        Magic.CopyTo(header, 0);
        owner.TryWriteBytes(header.AsSpan(Magic.Length, 16));
        next.TryWriteBytes(header.AsSpan(Magic.Length + 16, 16));
        journal.Position = 0;
        journal.Write(header);
        syncToDisk();
    }

    /// <summary>Names the data-file states this journal applies to.</summary>
    public void SetOwners(Guid owner, Guid next)
    {
        var position = Inner.Position;
        WriteOwners(Inner, owner, next, Sync);
        Inner.Position = position;
    }

    /// <summary>Opens a view of the journal for one engine; a frozen view refuses writes.</summary>
    public JournalStream OpenView(bool frozen) => new(this) { Frozen = frozen };

    /// <summary>
    /// Reads the header of every page (after a crash, before an engine replays the journal): where the last
    /// confirmed commit ends and the highest page number.
    /// </summary>
    public void Scan()
    {
        var header = new byte[ConfirmedFlagOffset + 1];
        CommittedLength = PageSize;
        MaxPageId = 0;
        for (long position = PageSize; position + PageSize <= Inner.Length; position += PageSize)
        {
            Inner.Position = position;
            Inner.ReadExactly(header);
            MaxPageId = Math.Max(MaxPageId, BinaryPrimitives.ReadUInt32LittleEndian(header));
            if (header[ConfirmedFlagOffset] != 0)
            {
                CommittedLength = position + PageSize;
            }
        }
    }

    /// <summary>Cuts off every page after the last confirmed commit: what a failed write left behind.</summary>
    public void TruncateToCommitted()
    {
        if (Inner.Length > CommittedLength)
        {
            Inner.SetLength(CommittedLength);

            // The pages cut off may have had the highest page numbers; a checkpoint must not grow the data file for them.
            Scan();
        }
    }

    /// <summary>Closes the underlying stream.</summary>
    public void Release() => Inner.Dispose();

    /// <summary>Syncs the journal to stable storage.</summary>
    internal void Sync()
    {
        _syncToDisk();
        SyncCount++;
    }

    /// <summary>Writes one of LiteDB's log pages (or any other write) at the current position.</summary>
    internal void Write(byte[] buffer, int offset, int count)
    {
        var isPage = count == PageSize;
        if (isPage)
        {
            MaxPageId = Math.Max(MaxPageId, BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset)));
        }

        var confirms = isPage && buffer[offset + ConfirmedFlagOffset] != 0;
        if (!Durable || !confirms)
        {
            Inner.Write(buffer, offset, count);
        }
        else
        {
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

        if (confirms)
        {
            CommittedLength = Inner.Position;
        }
    }

    /// <summary>Notes that LiteDB cut the journal (after a checkpoint, to its header page).</summary>
    internal void Truncated()
    {
        CommittedLength = Math.Min(CommittedLength, Math.Max(PageSize, Inner.Length));
        if (!HasPages)
        {
            MaxPageId = 0;
        }
    }
}
