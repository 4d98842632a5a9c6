namespace LiteDatasets.Storage;

/// <summary>
/// The stream LiteDB reads and writes one of the store's files through. It adds what LiteDB's own file
/// handling lacks: <see cref="Flush"/> reaches stable storage, an optional header region of the store's own
/// is hidden from LiteDB, and LiteDB cannot close the file (the store decides when the file lock ends).
/// </summary>
/// <remarks>
/// LiteDB serialises all access to one underlying stream by locking on it, so members here are not
/// re-entrant-safe on their own; they are only called under that lock or before LiteDB has the stream.
/// </remarks>
internal class PageStream : Stream
{
    /// <summary>Gets what flushes the underlying stream to stable storage (fsync).</summary>
    protected Action SyncToDisk { get; }
    private bool _released;

    /// <param name="inner">The file (or memory) stream.</param>
    /// <param name="syncToDisk">Flushes <paramref name="inner"/> to stable storage (fsync).</param>
    /// <param name="hiddenPrefix">Bytes at the start of <paramref name="inner"/> that LiteDB does not see.</param>
    public PageStream(Stream inner, Action syncToDisk, long hiddenPrefix = 0)
    {
        Inner = inner;
        SyncToDisk = syncToDisk;
        HiddenPrefix = hiddenPrefix;
    }

    /// <summary>Gets the stream underneath.</summary>
    public Stream Inner { get; }

    /// <summary>Gets the number of leading bytes hidden from LiteDB.</summary>
    public long HiddenPrefix { get; }

    /// <summary>
    /// Gets or sets whether writes are refused. The data file is frozen while an open is still checking it,
    /// so that LiteDB cannot change a file that turns out not to be a healthy store (it marks files it
    /// failed on as invalid when closing).
    /// </summary>
    public bool Frozen { get; set; }

    /// <summary>Gets how many times the stream was synced to stable storage (for tests and diagnostics).</summary>
    public long SyncCount { get; private set; }

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
    public override void Flush() => Sync();

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

    /// <summary>Closes the underlying stream; <see cref="Stream.Dispose()"/> from LiteDB does not.</summary>
    public void Release()
    {
        if (!_released)
        {
            _released = true;
            Inner.Dispose();
        }
    }

    /// <summary>Refuses a write while frozen (not an <see cref="IOException"/>, which LiteDB would retry).</summary>
    protected void ThrowIfFrozen()
    {
        if (Frozen)
        {
            throw new InvalidOperationException("The store file is being checked and may not be written yet.");
        }
    }

    /// <summary>Syncs the underlying stream to stable storage.</summary>
    protected void Sync()
    {
        SyncToDisk();
        SyncCount++;
    }
}
