using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// A journal's record of one commit: the journal bytes <c>[Start, End)</c> written since the last sync, up to the end of
/// the commit, and their checksum. Written into the journal's header page with the commit's pages, before the sync
/// that makes the commit durable; recovery trusts the bytes below <see cref="Start"/> (a sync made them stable) and the
/// bytes up to <see cref="End"/> only if they match.
/// </summary>
/// <param name="Owner">The data-file state the journal applied to when the commit was written (records of another state are ignored).</param>
/// <param name="Sequence">The record's number, growing by one per record, so the newer of two slots is known.</param>
/// <param name="Start">Where the bytes not yet synced began when the record was written: the end of the last commit a sync covered (or of the header page).</param>
/// <param name="End">Where they end: the end of the commit's confirming page.</param>
/// <param name="Checksum">XxHash128 of the bytes <c>[Start, End)</c>.</param>
internal readonly record struct CommitRecord(Guid Owner, long Sequence, long Start, long End, UInt128 Checksum)
{
    /// <summary>Bytes a record takes in its slot: tag, owner, sequence, start, end, checksum, and the record's own checksum.</summary>
    public const int Size = 8 + 16 + 8 + 8 + 8 + 16 + 8;

    /// <summary>
    /// Where the slots lie in the header page: in its second 4 KiB block, so a commit never writes the block that holds
    /// the magic and the owners, each in a 512-byte sector of its own. Commits write them in turn (see
    /// <see cref="JournalRecords"/>), never over the newest record already synced, so a write torn by a power cut can
    /// damage only records not yet synced; as SQLite assumes by default, bytes the journal does not write are taken to
    /// survive a cut write next to them.
    /// </summary>
    public static readonly int[] SlotOffsets = [.. Enumerable.Range(0, 8).Select(i => 4096 + (512 * i))];

    private static readonly byte[] Tag = Encoding.ASCII.GetBytes("LDcommit");

    /// <summary>The checksum of no bytes.</summary>
    public static UInt128 EmptyChecksum { get; } = XxHash128.HashToUInt128([]);

    /// <summary>A record that trusts the first <paramref name="length"/> bytes of the journal and claims no commit after them.</summary>
    public static CommitRecord Base(Guid owner, long sequence, long length) => new(owner, sequence, length, length, EmptyChecksum);

    /// <summary>Reads the record in a slot; null when the slot holds none or a torn one (its own checksum fails).</summary>
    public static CommitRecord? Read(ReadOnlySpan<byte> slot)
    {
        if (!slot[..Tag.Length].SequenceEqual(Tag) || XxHash64.HashToUInt64(slot[..(Size - 8)]) != BinaryPrimitives.ReadUInt64LittleEndian(slot[(Size - 8)..]))
        {
            return null;
        }

        return new CommitRecord(
            new Guid(slot.Slice(8, 16)),
            BinaryPrimitives.ReadInt64LittleEndian(slot[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(slot[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(slot[40..]),
            BinaryPrimitives.ReadUInt128LittleEndian(slot[48..]));
    }

    /// <summary>Returns the record's bytes, checksummed.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        Tag.CopyTo(bytes, 0);
        Owner.TryWriteBytes(bytes.AsSpan(8, 16));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(32), Start);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(40), End);
        BinaryPrimitives.WriteUInt128LittleEndian(bytes.AsSpan(48), Checksum);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(Size - 8), XxHash64.HashToUInt64(bytes.AsSpan(0, Size - 8)));
        return bytes;
    }
}
