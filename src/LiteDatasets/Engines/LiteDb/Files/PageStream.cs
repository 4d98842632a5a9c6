namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The stream LiteDB reads and writes one of the store's files through. It adds what LiteDB's own file
/// handling lacks: <see cref="Flush"/> reaches stable storage, an optional header region of the store's own
/// is hidden from LiteDB, LiteDB cannot close the file (the store decides when the file lock ends), and a
/// stream can be frozen so that the engine using it can never write again.
/// </summary>
/// <remarks>
/// LiteDB serialises all access to one underlying stream by locking on it, so members here are not
/// re-entrant-safe on their own; they are only called under that lock or before LiteDB has the stream.
/// Several streams may wrap one file over time (an engine replaced after a failure gets new ones); the file
/// outlives them all.
/// </remarks>
internal class PageStream : Stream
{
    private readonly Action _syncToDisk;

    /// <param name="inner">The file (or memory) stream.</param>
    /// <param name="syncToDisk">Flushes <paramref name="inner"/> to stable storage (fsync).</param>
    /// <param name="hiddenPrefix">Bytes at the start of <paramref name="inner"/> that LiteDB does not see.</param>
    public PageStream(Stream inner, Action syncToDisk, long hiddenPrefix = 0)
    {
        Inner = inner;
        _syncToDisk = syncToDisk;
        HiddenPrefix = hiddenPrefix;
    }

    /// <summary>Gets the stream underneath.</summary>
    public Stream Inner { get; }

    /// <summary>Gets the number of leading bytes hidden from LiteDB.</summary>
    public long HiddenPrefix { get; }

    /// <summary>
    /// Gets or sets whether writes are refused. The data file is frozen while an open is still checking it,
    /// so that LiteDB cannot change a file that turns out not to be a healthy store (it marks files it
    /// failed on as invalid when closing); an engine that failed is frozen for good before it is dropped.
    /// </summary>
    public bool Frozen { get; set; }

    /// <summary>
    /// Gets whether writes are refused except inside <see cref="WriteCheckpoint"/>: set on views of a store's data
    /// file, which LiteDB writes only when the store checkpoints. Without it LiteDB would rewrite the header page of
    /// a file in which it found damage (to mark it for a rebuild it never gets), outside the store's journal.
    /// </summary>
    public bool CheckpointWritesOnly { get; init; }

    // Set while a checkpoint runs; the caller holds the store alone, so no other call is inside LiteDB.
    private bool _checkpointing;

    public override bool CanRead => Inner.CanRead;

    public override bool CanSeek => true;

    public override bool CanWrite => Inner.CanWrite;

    public override long Length => Math.Max(0, Inner.Length - HiddenPrefix);

    public override long Position
    {
        get => Inner.Position - HiddenPrefix;
        set => Inner.Position = value + HiddenPrefix;
    }

    /// <summary>Flushes everything written so far to stable storage.</summary>
    public override void Flush() => _syncToDisk();

    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => origin switch
    {
        SeekOrigin.Begin => Position = offset,
        SeekOrigin.Current => Position += offset,
        _ => Position = Length + offset,
    };

    public override void SetLength(long value)
    {
        ThrowIfFrozen();
        Inner.SetLength(value + HiddenPrefix);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ThrowIfFrozen();
        Inner.Write(buffer, offset, count);
    }

    /// <summary>
    /// Makes the stream at least <paramref name="length"/> bytes long by writing zeros, so that the space is
    /// allocated before LiteDB writes pages there: a checkpoint then never finds the disk full half-way through
    /// a page. If space runs out, the stream is cut back to its old length and the error is thrown.
    /// </summary>
    public void Reserve(long length)
    {
        ThrowIfFrozen();
        var start = Inner.Length;
        if (start >= length + HiddenPrefix)
        {
            return;
        }

        var zeros = new byte[Math.Min(1 << 20, length + HiddenPrefix - start)];
        try
        {
            Inner.Position = start;
            for (var left = length + HiddenPrefix - start; left > 0; left -= zeros.Length)
            {
                Inner.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
            }
        }
        catch (IOException)
        {
            try
            {
                Inner.SetLength(start);
            }
            catch (IOException)
            {
                // The next open repairs a partial last page from the journal, which still holds every page.
            }

            throw;
        }
    }

    /// <summary>Runs a checkpoint, during which LiteDB may write this stream even if <see cref="CheckpointWritesOnly"/> is set.</summary>
    public void WriteCheckpoint(Action checkpoint)
    {
        _checkpointing = true;
        try
        {
            checkpoint();
        }
        finally
        {
            _checkpointing = false;
        }
    }

    /// <summary>Closes the underlying stream; <see cref="Stream.Dispose()"/> from LiteDB does not.</summary>
    public void Release() => Inner.Dispose();

    /// <summary>Refuses a write while frozen, or outside a checkpoint (not an <see cref="IOException"/>, which LiteDB would retry).</summary>
    protected void ThrowIfFrozen()
    {
        if (Frozen || (CheckpointWritesOnly && !_checkpointing))
        {
            throw new InvalidOperationException("This view of the store file is frozen and may not be written.");
        }
    }
}
