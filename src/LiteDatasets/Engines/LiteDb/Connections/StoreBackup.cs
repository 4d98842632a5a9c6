using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.IO;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// Writes a consistent copy of an open store into one file: a compact, new store file (with its own identity),
/// moved over the target only once it is complete and synced. The copy is read from one read snapshot, so the
/// store's other calls — reads and writes — go on while it runs.
/// </summary>
internal static class StoreBackup
{
    /// <summary>Copies the store behind <paramref name="source"/> to <paramref name="path"/>.</summary>
    /// <param name="source">The open store.</param>
    /// <param name="path">The file to write; an existing one is replaced and keeps its mode, a new one gets the store file's mode.</param>
    /// <param name="copied">Called after each collection is copied, with its name (for tests that pause a copy half-way).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is one of the store's own files.</exception>
    public static void Write(StoreConnection source, string path, Action<string>? copied = null)
    {
        if (source.Path is not null && StoreFiles.IsStoreFile(source.Path, path))
        {
            throw new ArgumentException("A backup cannot overwrite the store's own files (its data file or journal); choose another path.", nameof(path));
        }

        var target = RealPath.Resolve(path);
        var replaced = OwnFiles.ModeOfFile(target);
        var temporary = target + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            // Created here, empty, never through a link, with the mode the backup ends with: the store fills it.
            using (var file = OwnFiles.CreateNew(temporary, FileAccess.ReadWrite, FileShare.None, replaced ?? (source.Path is null ? null : OwnFiles.ModeOfFile(source.Path))))
            {
                OwnFiles.SetMode(file, replaced);
            }

            source.Snapshot(db => CopyInto(db, temporary, copied));
            File.Move(temporary, target, overwrite: true);
        }
        catch (IOException ex)
        {
            throw Errors.Storage("writing the backup", ex, path);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporary + StoreFiles.JournalSuffix);
        }
    }

    /// <summary>Copies every row of <paramref name="db"/> into the empty file at <paramref name="path"/>, which becomes a store.</summary>
    private static int CopyInto(LiteDatabase db, string path, Action<string>? copied)
    {
        try
        {
            using var copy = StoreConnection.OpenFile(new StoreSettings { Path = path, Durable = false });
            var source = new BackupSource(db);
            source.Copy(() => copy.Write(() =>
            {
                foreach (var name in StoreSchema.Collections)
                {
                    if (name == StoreSchema.Meta)
                    {
                        // The copy has its own identity and format records; only the counters carry over.
                        copy.Database.GetCollection(name).Upsert(source.Document(name, "counters"));
                    }
                    else
                    {
                        copy.Database.GetCollection(name, BsonAutoId.Int64).InsertBulk(source.Documents(name), batchSize: 5000);
                    }

                    copied?.Invoke(name);
                }

                return (0, true);
            }));
            return 0;
        }
        catch (IOException ex)
        {
            throw Errors.Storage("writing the backup", ex, path);
        }
    }
}
