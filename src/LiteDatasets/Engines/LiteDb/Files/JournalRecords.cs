namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The commit-record slots in a journal's header page (see <see cref="CommitRecord"/>), used as a ring: each commit
/// writes the slot after the previous one, and no commit writes the slot that holds the newest record already on
/// stable storage — so whatever a crash cuts short, that record survives. A ring lets several commits be written
/// before one sync covers them all (group commit); when it is full, the next commit syncs first.
/// </summary>
internal sealed class JournalRecords
{
    private readonly Stream _journal;
    private readonly CommitRecord?[] _slots = new CommitRecord?[CommitRecord.SlotOffsets.Length];

    // The slot written last, and the slot of the newest record known to be on stable storage (-1: none).
    private int _last = -1;
    private int _durable = -1;

    /// <param name="journal">The journal stream (its header page, if it has one, is read now).</param>
    /// <param name="owner">The data-file state the journal's header names.</param>
    public JournalRecords(Stream journal, Guid owner)
    {
        _journal = journal;
        Owner = owner;
        var slot = new byte[CommitRecord.Size];
        for (var i = 0; i < _slots.Length; i++)
        {
            if (journal.Length >= CommitRecord.SlotOffsets[i] + CommitRecord.Size)
            {
                journal.Position = CommitRecord.SlotOffsets[i];
                journal.ReadExactly(slot);
                _slots[i] = CommitRecord.Read(slot);
                if (_slots[i] is { } record && (_last < 0 || record.Sequence > _slots[_last]!.Value.Sequence))
                {
                    _last = i;
                }
            }
        }

        // What a journal holds when it is opened is treated as on disk: it is recovered and synced before any write.
        _durable = _last;
    }

    /// <summary>Gets or sets the data-file state records are written for; records of other states are not the journal's.</summary>
    public Guid Owner { get; set; }

    /// <summary>
    /// Gets the records that speak for the journal: those written for <see cref="Owner"/> (none for a new journal, or
    /// one written by the earlier protocol) from its newest base record on — a base record (which claims no commit,
    /// <c>Start == End</c>) starts the ring again, and the records before it describe bytes that may be gone.
    /// </summary>
    public IEnumerable<CommitRecord> Own
    {
        get
        {
            var own = _slots.OfType<CommitRecord>().Where(r => r.Owner == Owner).ToList();
            var from = own.Where(r => r.Start == r.End).Select(r => r.Sequence).DefaultIfEmpty(0).Max();
            return own.Where(r => r.Sequence >= from);
        }
    }

    /// <summary>Gets the number the next record takes: one more than any record in the slots.</summary>
    public long NextSequence => _slots.Max(r => r?.Sequence ?? 0) + 1;

    /// <summary>Gets whether the next record would overwrite the newest record on stable storage (a sync must come first).</summary>
    public bool Full => Next == _durable;

    /// <summary>Gets the slot written last.</summary>
    public int Last => _last;

    /// <summary>Gets how many times the ring started again (<see cref="Reset"/>): a slot taken before then names nothing now.</summary>
    public int Generation { get; private set; }

    private int Next => (_last + 1) % _slots.Length;

    /// <summary>Writes <paramref name="record"/> into the next slot (the caller syncs); returns the slot.</summary>
    /// <exception cref="InvalidOperationException">The ring is <see cref="Full"/>.</exception>
    public int Write(CommitRecord record)
    {
        if (Full)
        {
            throw new InvalidOperationException("Every other commit-record slot holds a record not yet synced.");
        }

        var slot = Next;
        WriteSlot(slot, record.ToBytes());
        _slots[slot] = record;
        _last = slot;
        return slot;
    }

    /// <summary>Notes that the record in <paramref name="slot"/> and everything written before it are on stable storage.</summary>
    public void MarkDurable(int slot) => _durable = slot;

    /// <summary>
    /// Starts the ring again with <paramref name="record"/>, a base record (a new owner, or a journal cut back): it goes
    /// into a slot that does not hold the newest synced record, so a crash before the caller's sync leaves that one
    /// standing; once it is synced, the records before it no longer count (see <see cref="Own"/>). The caller syncs,
    /// then marks it durable.
    /// </summary>
    public int Reset(CommitRecord record)
    {
        var slot = Next == _durable ? (Next + 1) % _slots.Length : Next;
        WriteSlot(slot, record.ToBytes());
        _slots[slot] = record;
        _last = slot;
        Generation++;
        return slot;
    }

    private void WriteSlot(int slot, byte[] bytes)
    {
        _journal.Position = CommitRecord.SlotOffsets[slot];
        _journal.Write(bytes);
    }
}
