using System.Buffers.Binary;

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
/// <see cref="CommitRecord"/> into its header page — which bytes were written since the last sync, up to the end of
/// the commit, and their checksum — and one sync (with durability on) makes it durable. With
/// <see cref="DeferSyncs"/> the sync is left to the caller (<see cref="SyncThrough"/>), so commits that come while a
/// sync runs share the next one. Recovery (<see cref="Scan"/>) trusts, over the records of the journal, what a
/// record's start says was synced and what its checksum proves whole, and cuts off the rest before LiteDB reads the
/// journal. With durability off nothing is synced, so a record may vouch for bytes that never reached the disk: a
/// killed process loses nothing, but a power cut may leave a torn commit to replay. A journal without records was
/// written by the earlier protocol (two syncs per commit), whose flags can be trusted as they are.</para>
/// <para>The journal knows where the last confirmed commit ends. Pages after it belong to a write that failed
/// or is still running; after a failure they are cut off, so a refused write leaves no trace and gives its
/// disk space back.</para>
/// <para>When a checkpoint empties it, the journal may keep its file (<see cref="MaxKeptLength"/>) and write the next
/// commits over the old pages: overwriting needs no new space, so a sync makes only the pages durable, where an
/// append makes the file's size and allocation durable too, and emptying costs nothing where cutting a file frees
/// every block of it. <see cref="Length"/> is where the journal's own pages end; what lies after it is an earlier
/// journal's, which LiteDB never reads and no record of the current owner vouches for, and an open cuts it off.</para>
/// </remarks>
internal sealed partial class JournalFile
{
    /// <summary>Offset of LiteDB's "confirmed" flag inside a page header.</summary>
    internal const int ConfirmedFlagOffset = 18;

    private const int PageSize = StoreFormat.PageSize;

    private readonly Action _syncToDisk;
    private readonly JournalRecords _records;

    // Guards the records, the committed length and what is synced, between the writer and the threads that sync.
    private readonly Lock _state = new();

    // The checksum of the bytes written since the synced end.
    private readonly RunningChecksum _pending = new();

    // Where the bytes known to be on stable storage end, and the number of the last commit among them.
    private long _syncedEnd;
    private long _syncedCommit;
    private long _syncCount;

    // Where the journal's own pages end (see Length).
    private long _length;

    /// <param name="inner">The journal file (or memory) stream, empty or starting with a header page.</param>
    /// <param name="syncToDisk">Flushes <paramref name="inner"/> to stable storage.</param>
    /// <param name="durable">Whether commits are made durable before they return.</param>
    public JournalFile(Stream inner, Action syncToDisk, bool durable)
    {
        Inner = inner;
        _syncToDisk = syncToDisk;
        Durable = durable;
        _length = inner.Length;
        CommittedLength = Math.Max(PageSize, inner.Length);
        _records = new JournalRecords(inner, JournalHeader.ReadOwners(inner)?.Owner ?? Guid.Empty);
        _syncedEnd = CommittedLength;
        RestartChecksum();
    }

    /// <summary>
    /// Gets whether a durable commit leaves its sync to the caller (<see cref="SyncThrough"/>), which makes it after
    /// letting the next writer in: commits that come while a sync runs share the next one (group commit).
    /// </summary>
    public bool DeferSyncs { get; set; }

    /// <summary>Gets the number of the last commit written (commits count from 1 for each journal file object).</summary>
    public long LastCommit { get; private set; }

    /// <summary>Gets the stream underneath.</summary>
    public Stream Inner { get; }

    /// <summary>Gets whether commits are made durable before they return.</summary>
    public bool Durable { get; }

    /// <summary>Gets the number of commits made durable (for tests and diagnostics).</summary>
    public long DurableCommits { get; private set; }

    /// <summary>Gets how many times the journal was synced to stable storage (for tests and diagnostics).</summary>
    public long SyncCount => Interlocked.Read(ref _syncCount);

    /// <summary>
    /// Gets or sets the longest the file may stay when a checkpoint empties the journal, for the next commits to write
    /// over (0, the default: the file is cut back to its header page). Kept only while commits are durable: without
    /// syncs a power cut could leave an earlier journal's pages where a record vouches for new ones.
    /// <see cref="GiveBackKeptSpace"/> cuts a kept file.
    /// </summary>
    public long MaxKeptLength { get; set; }

    /// <summary>
    /// Gets where the journal's own pages end. The file may go on after it, with the pages of an earlier journal that
    /// a checkpoint emptied (see <see cref="MaxKeptLength"/>).
    /// </summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>Gets whether the journal holds pages beyond its header page.</summary>
    public bool HasPages => Length > PageSize;

    /// <summary>Gets the size of the journal's pages in bytes.</summary>
    public long PagesLength => Math.Max(0, Length - PageSize);

    /// <summary>Gets where the last commit LiteDB confirmed ends (an offset in the file).</summary>
    public long CommittedLength { get; private set; }

    /// <summary>Gets the highest page number among the journal's pages: a checkpoint writes the data file up to it.</summary>
    public uint MaxPageId { get; private set; }

    /// <summary>
    /// Gets whether LiteDB may see only the bytes up to <see cref="CommittedLength"/> (a journal opened read-only,
    /// which cannot be cut: what lies after its last whole commit stays on disk but is hidden).
    /// </summary>
    public bool LimitedToCommitted { get; private set; }

    /// <summary>Gets or sets what watches or holds this journal's syncs from outside (for tests); null for nothing.</summary>
    internal JournalSyncProbe? Probe { get; set; }

    /// <summary>
    /// Names the data-file states this journal applies to. Only the magic and the owners are rewritten: the commit
    /// records stay. When the owner changes (a new journal, or a checkpoint that emptied it), a record for the new
    /// owner that claims no commit is written too, so a journal written by this protocol always holds a record.
    /// </summary>
    public void SetOwners(Guid owner, Guid next)
    {
        var position = Inner.Position;
        JournalHeader.WriteOwners(Inner, owner, next);

        lock (_state)
        {
            var reset = -1;
            if (owner != _records.Owner)
            {
                _records.Owner = owner;
                reset = _records.Reset(CommitRecord.Base(owner, _records.NextSequence, CommittedLength));
            }

            Sync();
            if (reset >= 0)
            {
                MarkSynced(CommittedLength, reset, LastCommit);
            }
        }

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
        var own = _records.Own.ToList();
        var trusted = own.Count > 0 ? Math.Min(confirmedEnd, own.Max(TrustedEnd)) : confirmedEnd;
        CommittedLength = Math.Max(PageSize, trusted);
        MaxPageId = maxPageIds.LastOrDefault(p => p.End <= CommittedLength).MaxPageId;
        _syncedEnd = CommittedLength;
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
        lock (_state)
        {
            var own = _records.Own.ToList();
            if (Inner.Length > CommittedLength || own.Count == 0 || own.Any(r => r.End > CommittedLength))
            {
                // The file is cut, not only the journal: after a crash, what lies beyond may be an earlier journal's.
                Inner.SetLength(Math.Min(Inner.Length, CommittedLength));
                Volatile.Write(ref _length, Inner.Length);
                var slot = _records.Reset(CommitRecord.Base(_records.Owner, _records.NextSequence, CommittedLength));
                Sync();
                MarkSynced(CommittedLength, slot, LastCommit);

                // The pages cut off may have had the highest page numbers; a checkpoint must not grow the data file for them.
                Scan();
            }
        }
    }

    /// <summary>Closes the underlying stream.</summary>
    public void Release() => Inner.Dispose();

    /// <summary>Writes one of LiteDB's log pages (or any other write) at the current position; a confirming page ends a commit.</summary>
    internal void Write(byte[] buffer, int offset, int count)
    {
        var isPage = count == PageSize;
        if (isPage)
        {
            MaxPageId = Math.Max(MaxPageId, BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset)));
        }

        lock (_state)
        {
            _pending.Append(Inner.Position, buffer.AsSpan(offset, count));
        }

        Inner.Write(buffer, offset, count);
        Volatile.Write(ref _length, Math.Max(_length, Inner.Position));
        if (isPage && buffer[offset + ConfirmedFlagOffset] != 0)
        {
            Commit(Inner.Position);
        }
    }

    /// <summary>
    /// Cuts the journal to <paramref name="length"/> bytes, as LiteDB asks after a checkpoint (to its header page). The
    /// file keeps its length when <see cref="MaxKeptLength"/> allows, for the next commits to write over.
    /// </summary>
    internal void Cut(long length)
    {
        lock (_state)
        {
            if (length > Inner.Length || Inner.Length > MaxKeptLength || !Durable)
            {
                Inner.SetLength(length);
            }

            Volatile.Write(ref _length, length);

            // A checkpoint moved every commit into the data file and synced it before cutting the journal.
            CommittedLength = Math.Min(CommittedLength, Math.Max(PageSize, length));
            _syncedEnd = Math.Min(_syncedEnd, CommittedLength);
            Volatile.Write(ref _syncedCommit, LastCommit);
            if (!HasPages)
            {
                MaxPageId = 0;
            }

            RestartChecksum();
        }
    }

    /// <summary>Cuts the file to the journal's own pages, giving back the space it kept for the next commits.</summary>
    public void GiveBackKeptSpace()
    {
        lock (_state)
        {
            if (Inner.Length > Length)
            {
                Inner.SetLength(Length);
            }
        }
    }

    /// <summary>Records the commit that ends at <paramref name="end"/>; with durability on, syncs once unless <see cref="DeferSyncs"/>.</summary>
    private void Commit(long end)
    {
        lock (_state)
        {
            var hasRecords = _records.Own.Any();
            if (!hasRecords || _records.Full)
            {
                // A journal of the earlier protocol gets a record vouching for what it holds first; a full ring, a sync.
                var slot = hasRecords ? _records.Last : _records.Reset(CommitRecord.Base(_records.Owner, _records.NextSequence, CommittedLength));
                Sync();
                MarkSynced(CommittedLength, slot, LastCommit);
            }

            var checksum = _pending.Covering(Inner, _syncedEnd, end);
            var written = _records.Write(new CommitRecord(_records.Owner, _records.NextSequence, _syncedEnd, end, checksum));
            Inner.Position = end;
            CommittedLength = end;
            LastCommit++;
            if (Durable)
            {
                DurableCommits++;
            }

            if (!Durable || !DeferSyncs)
            {
                if (Durable)
                {
                    Sync();
                }

                MarkSynced(end, written, LastCommit);
            }
        }
    }

    /// <summary>Notes that everything up to <paramref name="end"/>, commit <paramref name="commit"/> and the record in <paramref name="slot"/> are on stable storage.</summary>
    private void MarkSynced(long end, int slot, long commit)
    {
        if (commit < _syncedCommit)
        {
            return;
        }

        _syncedEnd = end;
        _records.MarkDurable(slot);
        Volatile.Write(ref _syncedCommit, commit);
        if (_pending.End == end)
        {
            // Nothing written since: the running checksum starts again at the synced end.
            RestartChecksum();
        }
    }

    /// <summary>Where the bytes a record vouches for end: its end if the bytes since its start match, else its start (a sync made those stable).</summary>
    private long TrustedEnd(CommitRecord record) =>
        record.End <= Length && RunningChecksum.Of(Inner, record.Start, record.End) == record.Checksum ? record.End : record.Start;

    /// <summary>Reads every page header: where the last page with LiteDB's confirmed flag ends, and the highest page number up to each confirmed page.</summary>
    private (long ConfirmedEnd, List<(long End, uint MaxPageId)> MaxPageIds) ReadPageHeaders()
    {
        var header = new byte[ConfirmedFlagOffset + 1];
        long confirmedEnd = PageSize;
        uint maxPageId = 0;
        var maxPageIds = new List<(long End, uint MaxPageId)> { (PageSize, 0) };
        for (long position = PageSize; position + PageSize <= Length; position += PageSize)
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

    private void RestartChecksum() => _pending.Restart(_syncedEnd);
}
