using System.Text;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The start of a journal's header page: a magic string and the two data-file states the journal applies to (see
/// <see cref="JournalFile"/>). The commit records that follow in the same page are <see cref="JournalRecords"/>'.
/// </summary>
internal static class JournalHeader
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("LiteDatasets journal v2\0");

    private static int OwnersEnd => Magic.Length + 32;

    /// <summary>Reads the states a journal applies to, or null when its header is not a journal header.</summary>
    public static (Guid Owner, Guid Next)? ReadOwners(Stream journal)
    {
        if (journal.Length < StoreFormat.PageSize)
        {
            return null;
        }

        var header = new byte[OwnersEnd];
        journal.Position = 0;
        journal.ReadExactly(header);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }

        return (new Guid(header.AsSpan(Magic.Length, 16)), new Guid(header.AsSpan(Magic.Length + 16, 16)));
    }

    /// <summary>
    /// Names the data-file states the journal applies to: a journal shorter than a page gets a whole header page;
    /// in a longer one only the magic and the owners are rewritten, so its commit records stay.
    /// </summary>
    public static void WriteOwners(Stream journal, Guid owner, Guid next)
    {
        var header = new byte[journal.Length < StoreFormat.PageSize ? StoreFormat.PageSize : OwnersEnd];
        Magic.CopyTo(header, 0);
        owner.TryWriteBytes(header.AsSpan(Magic.Length, 16));
        next.TryWriteBytes(header.AsSpan(Magic.Length + 16, 16));
        journal.Position = 0;
        journal.Write(header);
    }
}
