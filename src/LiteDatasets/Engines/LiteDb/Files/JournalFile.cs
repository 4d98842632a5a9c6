using System.Buffers.Binary;
using System.IO.Hashing;
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
/// <para>A commit cannot be torn or reordered, with one sync: LiteDB marks the last page of a commit "confirmed"
/// and trusts that flag on recovery without checksums, so the journal writes, beside the commit's pages, a
/// <see cref="CommitRecord"/> into its header page — which bytes the commit wrote and their checksum — and syncs
/// once (with durability on) before the commit returns. Recovery (<see cref="Scan"/>) trusts what lies before the
/// newest record's commit (an earlier sync made it stable) and that commit only if its bytes match, and cuts off the
/// rest before LiteDB reads the journal. A journal without records was written by the earlier protocol (the page
/// synced with the flag cleared, then the flag set and synced again), whose flags can be trusted as they are.</para>
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
    private readonly JournalRecords _records;

    // The checksum of the bytes written since the last commit ended, while they were written in order from there.
    private readonly XxHash128 _pending = new();
    private long _pendingEnd;

    /// <param name="inner">The journal file (or memory) stream, empty or starting with a header page.</param>
    /// <param name="syncToDisk">Flushes <paramref name="inner"/> to stable storage.</param>
    /// <param name="durable">Whether commits are made durable before they return.</param>
    public JournalFile(Stream inner, Action syncToDisk, bool durable)
    {
        Inner = inner;
        _syncToDisk = syncToDisk;
        Durable = durable;
        CommittedLength = Math.Max(PageSize, inner.Length);
        _records = new JournalRecords(inner, ReadOwners(inner)?.Owner ?? Guid.Empty);
        RestartChecksum();
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

    /// <summary>
    /// Gets whether LiteDB may see only the bytes up to <see cref="CommittedLength"/> (a journal opened read-only,
    /// which cannot be cut: what lies after its last whole commit stays on disk but is hidden).
    /// </summary>
    public bool LimitedToCommitted { get; private set; }

    /// <summary>Reads the states a journal applies to, or null when its header is not a journal header.</summary>
    public static (Guid Owner, Guid Next)? ReadOwners(Stream journal)
    {
        if (journal.Length < PageSize)
        {
            return null;
        }

        var header = new byte[Magic.Length + 32];
        journal.Position = 0;
        journal.ReadExactly(header);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }

        return (new Guid(header.AsSpan(Magic.Length, 16)), new Guid(header.AsSpan(Magic.Length + 16, 16)));
    }

    /// <summary>Writes a new header page naming the data-file states the journal applies to, and syncs it.</summary>
    public static void WriteOwners(Stream journal, Guid owner, Guid next, Action syncToDisk)
    {
        var header = new byte[PageSize];
        WriteOwnersInto(header, owner, next);
        journal.Position = 0;
        journal.Write(header);
        syncToDisk();
    }

    /// <summary>
    /// Names the data-file states this journal applies to. Only the magic and the owners are rewritten: the commit
    /// records stay. When the owner changes (a new journal, or a checkpoint that emptied it), a record for the new
    /// owner that claims no commit is written too, so a journal written by this protocol always holds a record.
    /// </summary>
    public void SetOwners(Guid owner, Guid next)
    {
        var position = Inner.Position;
        if (Inner.Length < PageSize)
        {
            WriteOwners(Inner, owner, next, static () => { });
        }
        else
        {
            var owners = new byte[Magic.Length + 32];
            WriteOwnersInto(owners, owner, next);
            Inner.Position = 0;
            Inner.Write(owners);
        }

        if (owner != _records.Owner)
        {
            _records.Owner = owner;
            _records.Write(CommitRecord.Base(owner, _records.NextSequence, CommittedLength));
        }

        Sync();
        Inner.Position = position;
    }

    /// <summary>Opens a view of the journal for one engine; a frozen view refuses writes.</summary>
    public JournalStream OpenView(bool frozen) => new(this) { Frozen = frozen };

    /// <summary>
    /// Finds where the last whole commit ends (after a crash, before an engine replays the journal) and the highest
    /// page number before it: by the newest commit record when the journal has records, else by LiteDB's flags.
    /// </summary>
    public void Scan()
    {
        var (confirmedEnd, maxPageIds) = ReadPageHeaders();
        var trusted = _records.Newest is { } newest ? Math.Min(confirmedEnd, TrustedEnd(newest)) : confirmedEnd;
        CommittedLength = Math.Max(PageSize, trusted);
        MaxPageId = maxPageIds.LastOrDefault(p => p.End <= CommittedLength).MaxPageId;
        RestartChecksum();
    }

    /// <summary>Hides from LiteDB whatever lies after the last whole commit (a read-only journal, which cannot be cut).</summary>
    public void LimitToCommitted()
    {
        Scan();
        LimitedToCommitted = true;
    }

    /// <summary>
    /// Cuts off every page after the last whole commit: what a failed write left behind, or a commit a crash tore.
    /// The records then name the cut length, so a record of a cut-off commit is never read again.
    /// </summary>
    public void TruncateToCommitted()
    {
        var disagrees = _records.Newest is { } newest && newest.End != CommittedLength;
        if (Inner.Length > CommittedLength || disagrees)
        {
            Inner.SetLength(Math.Min(Inner.Length, CommittedLength));
            _records.Write(CommitRecord.Base(_records.Owner, _records.NextSequence, CommittedLength));
            Sync();

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

    /// <summary>Writes one of LiteDB's log pages (or any other write) at the current position; a confirming page ends a commit.</summary>
    internal void Write(byte[] buffer, int offset, int count)
    {
        var isPage = count == PageSize;
        if (isPage)
        {
            MaxPageId = Math.Max(MaxPageId, BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset)));
        }

        if (Inner.Position == _pendingEnd)
        {
            _pending.Append(buffer.AsSpan(offset, count));
            _pendingEnd += count;
        }
        else
        {
            // Not where the last write ended: the checksum is taken from the file at the commit instead.
            _pendingEnd = -1;
        }

        Inner.Write(buffer, offset, count);
        if (isPage && buffer[offset + ConfirmedFlagOffset] != 0)
        {
            Commit(Inner.Position);
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

        RestartChecksum();
    }

    private static void WriteOwnersInto(Span<byte> header, Guid owner, Guid next)
    {
        Magic.CopyTo(header);
        owner.TryWriteBytes(header.Slice(Magic.Length, 16));
        next.TryWriteBytes(header.Slice(Magic.Length + 16, 16));
    }

    /// <summary>Records the commit that ends at <paramref name="end"/> and, with durability on, syncs once.</summary>
    private void Commit(long end)
    {
        if (_records.Newest is null)
        {
            // A journal of the earlier protocol trusts its flags; a record vouching for what it holds comes first, synced.
            _records.Write(CommitRecord.Base(_records.Owner, _records.NextSequence, CommittedLength));
            Sync();
        }

        var checksum = _pendingEnd == end ? _pending.GetCurrentHashAsUInt128() : JournalRecords.Checksum(Inner, CommittedLength, end);
        _records.Write(new CommitRecord(_records.Owner, _records.NextSequence, CommittedLength, end, checksum));
        if (Durable)
        {
            Sync();
            DurableCommits++;
        }

        Inner.Position = end;
        CommittedLength = end;
        RestartChecksum();
    }

    /// <summary>Where the bytes the newest record vouches for end: its commit's end if the commit is whole, else its start.</summary>
    private long TrustedEnd(CommitRecord newest) =>
        newest.End <= Inner.Length && JournalRecords.Checksum(Inner, newest.Start, newest.End) == newest.Checksum ? newest.End : newest.Start;

    /// <summary>Reads every page header: where the last page with LiteDB's confirmed flag ends, and the highest page number up to each confirmed page.</summary>
    private (long ConfirmedEnd, List<(long End, uint MaxPageId)> MaxPageIds) ReadPageHeaders()
    {
        var header = new byte[ConfirmedFlagOffset + 1];
        long confirmedEnd = PageSize;
        uint maxPageId = 0;
        var maxPageIds = new List<(long End, uint MaxPageId)> { (PageSize, 0) };
        for (long position = PageSize; position + PageSize <= Inner.Length; position += PageSize)
        {
            Inner.Position = position;
            Inner.ReadExactly(header);
            maxPageId = Math.Max(maxPageId, BinaryPrimitives.ReadUInt32LittleEndian(header));
            if (header[ConfirmedFlagOffset] != 0)
            {
                confirmedEnd = position + PageSize;
                maxPageIds.Add((confirmedEnd, maxPageId));
            }
        }

        return (confirmedEnd, maxPageIds);
    }

    private void RestartChecksum()
    {
        _pending.Reset();
        _pendingEnd = CommittedLength;
    }
}
