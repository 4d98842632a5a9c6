using System.Globalization;
using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.IO;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// What opening a store file needs, whatever the mode: writing a new store, reading the data file's state id,
/// finding the journal that belongs to it (and setting aside one that does not), repairing a partial last page,
/// and checking the format.
/// </summary>
internal static class StoreFiles
{
    /// <summary>The suffix of a store's journal file.</summary>
    public const string JournalSuffix = "-journal";

    private const int PageSize = StoreFormat.PageSize;

    /// <summary>
    /// Tells whether <paramref name="candidate"/> names a file of the store at <paramref name="storePath"/> (a resolved
    /// path): the data file or its journal (also a journal set aside), compared by real path, links resolved.
    /// </summary>
    public static bool IsStoreFile(string storePath, string candidate)
    {
        var target = RealPath.Resolve(candidate);
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(target, storePath, comparison) || target.StartsWith(storePath + JournalSuffix, comparison);
    }

    /// <summary>Writes a new, empty store of format <paramref name="format"/> into an empty stream (built in memory, then copied at once) and returns its state id.</summary>
    public static Guid WriteNewStore(Stream target, int format)
    {
        var image = new MemoryStream();
        Guid stateId;
        using (var engine = EngineInstance.Open(new PageStream(image, static () => { }), null, readOnly: false))
        {
            StoreSchema.Initialize(engine.Database, format);
            engine.Database.Checkpoint();
            stateId = StoreSchema.ReadStateId(engine.Database)!.Value;
        }

        target.Position = 0;
        image.WriteTo(target);
        return stateId;
    }

    /// <summary>Reads the data file's state id through a read-only engine that sees the data file alone.</summary>
    public static Guid ReadStateId(string path, Stream data)
    {
        try
        {
            using var engine = EngineInstance.Open(new PageStream(data, static () => { }) { Frozen = true }, null, readOnly: true);
            return StoreSchema.ReadStateId(engine.Database) ?? throw Errors.FileCorrupt(path, "has no state record; it is damaged.");
        }
        catch (Exception ex) when (ex is not LiteDatasetsException)
        {
            throw Errors.FileCorrupt(path, "is damaged: LiteDB could not read it (" + ex.Message + ").", ex);
        }
    }

    /// <summary>Whether a journal's header names the data file's state (as owner, or as the state a checkpoint was moving to).</summary>
    public static bool Belongs((Guid Owner, Guid Next)? owners, Guid stateId) =>
        owners is { } o && (o.Owner == stateId || (o.Next != Guid.Empty && o.Next == stateId));

    /// <summary>
    /// Opens the journal of a data file in state <paramref name="stateId"/> for writing: the one beside it if it
    /// belongs to that state (its pages after the last confirmed commit cut off), else a new one — a journal
    /// written for another data file, or for another state of this one, is set aside, never replayed. A new
    /// journal gets <paramref name="mode"/>, the data file's own; a link where the journal should be is refused.
    /// </summary>
    public static JournalFile OpenJournal(string journalPath, Guid stateId, bool durable, FileShare share, UnixFileMode? mode)
    {
        var file = OwnFiles.OpenOrCreate(journalPath, share, mode);
        try
        {
            if (file.Length > 0 && !Belongs(JournalHeader.ReadOwners(file), stateId))
            {
                file.Dispose();
                SetAside(journalPath);
                file = OwnFiles.CreateNew(journalPath, FileAccess.ReadWrite, share, mode);
            }

            var handle = file;
            var journal = new JournalFile(file, () => handle.Flush(flushToDisk: durable), durable);
            if (journal.HasPages)
            {
                journal.Scan();
                journal.TruncateToCommitted();
            }
            else
            {
                journal.SetOwners(stateId, Guid.Empty);
            }

            return journal;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the journal of a data file in state <paramref name="stateId"/> for reading: the one beside it if it
    /// belongs to that state (LiteDB replays its whole commits in memory; a commit a crash tore is hidden), else an
    /// empty one in memory.
    /// </summary>
    public static JournalFile OpenJournalReadOnly(string? journalPath, Guid stateId)
    {
        if (journalPath is not null && OwnFiles.OpenExisting(journalPath, FileAccess.Read, FileShare.ReadWrite) is { } existing)
        {
            if (Belongs(JournalHeader.ReadOwners(existing), stateId))
            {
                try
                {
                    var journal = new JournalFile(existing, static () => { }, durable: false);
                    journal.LimitToCommitted();
                    return journal;
                }
                catch
                {
                    existing.Dispose();
                    throw;
                }
            }

            existing.Dispose();
        }

        var empty = new JournalFile(new MemoryStream(), static () => { }, durable: false);
        empty.SetOwners(stateId, Guid.Empty);
        return empty;
    }

    /// <summary>
    /// Renames a file that must not be used, keeping it for inspection. The name carries the time the file was last
    /// written (when it went stale), with a counter if another file was set aside with the same time.
    /// </summary>
    public static void SetAside(string path)
    {
        var stale = path + ".stale-" + File.GetLastWriteTimeUtc(path).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var name = stale;
        for (var n = 2; File.Exists(name); n++)
        {
            name = stale + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        File.Move(path, name);
    }

    /// <summary>
    /// Repairs a store whose data file ends with part of a page: a checkpoint (or its growing of the file) was cut
    /// off, while the journal beside it still holds every page the checkpoint was moving. The last page is
    /// completed with zeros once the journal is known to belong to the file; the journal then rewrites it. A file
    /// with no such journal is refused and left unchanged.
    /// </summary>
    public static void RepairPartialPage(string path, FileStream file, string journalPath)
    {
        const string CutOff = "ends with part of a page (a write to it was cut off)";
        var stateId = ReadStateId(path, new PaddedStream(file));
        bool belongs;
        using (var journal = OwnFiles.OpenExisting(journalPath, FileAccess.Read, FileShare.ReadWrite))
        {
            belongs = journal is { Length: > PageSize } && Belongs(JournalHeader.ReadOwners(journal), stateId);
        }

        if (!belongs)
        {
            throw Errors.FileCorrupt(path, CutOff + " and has no journal to repair it from. Restore it from a backup.");
        }

        var pageData = new PageStream(file, () => file.Flush(flushToDisk: true));
        pageData.Reserve(PaddedStream.RoundUp(file.Length));
        pageData.Flush();
    }

    /// <summary>Refuses a file that is not a store this build can open, with the reason.</summary>
    public static void ThrowUnlessStore(string path, FileKind kind, int format, int current)
    {
        switch (kind)
        {
            case FileKind.Store:
                return;
            case FileKind.NewerStore:
                throw Errors.UnsupportedFormat(path, format, current);
            case FileKind.Empty:
                throw Errors.FileCorrupt(path, "is empty; a read-only open cannot turn it into a store.");
            case FileKind.ForeignLiteDb:
                throw Errors.FileCorrupt(path, "is a LiteDB database but not a LiteDatasets store. Open a LiteDatasets file, or an empty path to create one.");
            case FileKind.TruncatedStore:
                throw Errors.FileCorrupt(path, "is a LiteDatasets store that has lost pages at its end (it was truncated). Restore it from a backup.");
            case FileKind.PartialPage:
                throw Errors.FileCorrupt(path, "is a LiteDatasets store that ends with part of a page (a write to it was cut off). Open it once for writing, beside its journal, to repair it.");
            case FileKind.EncryptedLiteDb:
                throw Errors.FileCorrupt(path, "is a password-protected LiteDB database, which LiteDatasets does not open. LiteDatasets files are not encrypted; use disk encryption instead.");
            default:
                throw Errors.FileCorrupt(path, "is not a LiteDatasets store (it is not a LiteDB database, or it is truncated or damaged).");
        }
    }

    /// <summary>
    /// Checks the format record (which, after a journal replay, may be ahead of the header's marker): a newer
    /// format is refused, and so is an older one that this open may not upgrade — unless the open is read-only and
    /// this build reads the older format as it is (<see cref="FormatPlan.OldestReadable"/>).
    /// </summary>
    public static void CheckFormatRecord(string path, LiteDatabase db, StoreSettings settings, bool upgradable)
    {
        var current = settings.Formats.Version;
        var format = StoreSchema.ReadFormat(db) ?? throw Errors.FileCorrupt(path, "is marked as a LiteDatasets store but has no format record; it is damaged.");
        if (format > current)
        {
            throw Errors.UnsupportedFormat(path, format, current);
        }

        if (format < current && settings.ReadOnly && format >= settings.Formats.OldestReadable)
        {
            // Read as it is: the steps since only add what this file lacks, and a read-only open never upgrades.
            return;
        }

        if (format < current && (settings.ReadOnly || !settings.UpgradeFormat || !upgradable))
        {
            throw Errors.UpgradeNeeded(path, format, current,
                settings.ReadOnly ? "it was opened read-only" : !settings.UpgradeFormat ? "UpgradeFormat is off" : "another process has it open, so it cannot be upgraded now");
        }
    }

    /// <summary>Opens an engine for a store file and checks its format record, turning LiteDB's failures into <see cref="ErrorCode.FileCorrupt"/>.</summary>
    public static EngineInstance OpenEngine(string path, PageStream data, PageStream log, StoreSettings settings, bool upgradable)
    {
        EngineInstance? engine = null;
        try
        {
            engine = EngineInstance.Open(data, log, settings.ReadOnly, settings.TransactionPoolPages);
            CheckFormatRecord(path, engine.Database, settings, upgradable);
            return engine;
        }
        catch (Exception ex) when (ex is not LiteDatasetsException)
        {
            engine?.Abandon();
            throw Errors.FileCorrupt(path, "is damaged: LiteDB could not open it (" + ex.Message + ").", ex);
        }
        catch
        {
            engine?.Abandon();
            throw;
        }
    }

    /// <summary>A read-only view of a file whose last page is cut short, completed with zeros.</summary>
    private sealed class PaddedStream(Stream inner) : Stream
    {
        public static long RoundUp(long length) => (length + PageSize - 1) / PageSize * PageSize;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => RoundUp(inner.Length);

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            count = (int)Math.Min(count, Math.Max(0, Length - Position));
            inner.Position = Math.Min(Position, inner.Length);
            var read = Position < inner.Length ? inner.Read(buffer, offset, (int)Math.Min(count, inner.Length - Position)) : 0;
            Array.Clear(buffer, offset + read, count - read);
            Position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
