using System.IO.Hashing;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The two commit-record slots in a journal's header page (see <see cref="CommitRecord"/>): which record is the newest
/// for the journal's owner, and where the next one goes — always the other slot, so the newest record survives a
/// write of the next one that a crash cuts short.
/// </summary>
internal sealed class JournalRecords
{
    private readonly Stream _journal;
    private readonly CommitRecord?[] _slots = new CommitRecord?[CommitRecord.SlotOffsets.Length];

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
            }
        }
    }

    /// <summary>Gets or sets the data-file state records are written for; records of other states are not the journal's.</summary>
    public Guid Owner { get; set; }

    /// <summary>Gets the newest record written for <see cref="Owner"/>, or null when there is none (a new journal's header not yet written, or one written by the earlier protocol).</summary>
    public CommitRecord? Newest => NewestSlot is { } slot ? _slots[slot] : null;

    /// <summary>Gets the number the next record takes: one more than any record in either slot.</summary>
    public long NextSequence => _slots.Max(r => r?.Sequence ?? 0) + 1;

    private int? NewestSlot
    {
        get
        {
            int? newest = null;
            for (var i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] is { } record && record.Owner == Owner && (newest is null || record.Sequence > _slots[newest.Value]!.Value.Sequence))
                {
                    newest = i;
                }
            }

            return newest;
        }
    }

    /// <summary>Computes the checksum of the journal's bytes <c>[start, end)</c>, reading them back.</summary>
    public static UInt128 Checksum(Stream journal, long start, long end)
    {
        var hash = new XxHash128();
        var buffer = new byte[1 << 16];
        journal.Position = start;
        for (var left = end - start; left > 0;)
        {
            var read = journal.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new EndOfStreamException("The journal ended inside the range of a commit record.");
            }

            hash.Append(buffer.AsSpan(0, read));
            left -= read;
        }

        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>Writes <paramref name="record"/> into the slot that does not hold the newest record (the caller syncs).</summary>
    public void Write(CommitRecord record)
    {
        var slot = NewestSlot is { } newest ? 1 - newest : OldestSlot();
        _journal.Position = CommitRecord.SlotOffsets[slot];
        _journal.Write(record.ToBytes());
        _slots[slot] = record;
    }

    // With no record of the owner, the slot to keep is the one with the higher number (of another state, or torn).
    private int OldestSlot() => (_slots[0]?.Sequence ?? 0) <= (_slots[1]?.Sequence ?? 0) ? 0 : 1;
}
