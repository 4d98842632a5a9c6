using System.IO.Hashing;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The checksum of the journal bytes written since a point (the end of what is synced), kept up as pages are written
/// so that a commit record costs no read-back; a write elsewhere, or a record from another point, reads the bytes back.
/// </summary>
internal sealed class RunningChecksum
{
    private readonly XxHash128 _hash = new();

    /// <summary>Gets where the bytes the checksum covers begin.</summary>
    public long Start { get; private set; }

    /// <summary>Gets where they end (-1 after a write out of order, until the next restart).</summary>
    public long End { get; private set; }

    /// <summary>Computes the checksum of the journal's bytes <c>[start, end)</c>, reading them back.</summary>
    public static UInt128 Of(Stream journal, long start, long end)
    {
        var hash = new XxHash128();
        Read(hash, journal, start, end);
        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>Starts again: the checksum covers no bytes, from <paramref name="at"/>.</summary>
    public void Restart(long at)
    {
        _hash.Reset();
        Start = End = at;
    }

    /// <summary>Takes in bytes written at <paramref name="position"/>.</summary>
    public void Append(long position, ReadOnlySpan<byte> bytes)
    {
        if (position == End)
        {
            _hash.Append(bytes);
            End += bytes.Length;
        }
        else
        {
            End = -1;
        }
    }

    /// <summary>
    /// Returns the checksum of the bytes <c>[start, end)</c>: the running one when it covers exactly those, else read
    /// back from <paramref name="journal"/> (its position kept), after which the running one covers them and goes on.
    /// </summary>
    public UInt128 Covering(Stream journal, long start, long end)
    {
        if (Start != start || End != end)
        {
            var position = journal.Position;
            Restart(start);
            Read(_hash, journal, start, end);
            End = end;
            journal.Position = position;
        }

        return _hash.GetCurrentHashAsUInt128();
    }

    private static void Read(XxHash128 hash, Stream journal, long start, long end)
    {
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
    }
}
