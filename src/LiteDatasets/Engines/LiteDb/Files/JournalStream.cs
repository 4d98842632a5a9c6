namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// One engine's view of the <see cref="JournalFile"/>: LiteDB's log, with the store's header page hidden from
/// it. Writes go through the journal file, which applies the durable commit protocol and keeps track of where
/// the last confirmed commit ends.
/// </summary>
internal sealed class JournalStream(JournalFile file) : PageStream(file.Inner, file.Sync, StoreFormat.PageSize)
{
    /// <summary>Gets the journal file this view writes.</summary>
    public JournalFile File => file;

    public override long Length => Math.Max(0, (File.LimitedToCommitted ? Math.Min(File.Length, File.CommittedLength) : File.Length) - HiddenPrefix);

    public override void Write(byte[] buffer, int offset, int count)
    {
        ThrowIfFrozen();
        file.Write(buffer, offset, count);
    }

    public override void SetLength(long value)
    {
        ThrowIfFrozen();
        file.Cut(value + HiddenPrefix);
    }
}
