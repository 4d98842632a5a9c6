using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// Writes a consistent copy of an open store into one file: a compact, new store file (with its own identity),
/// moved over the target only once it is complete and synced.
/// </summary>
internal static class StoreBackup
{
    private static readonly string[] Collections = [StoreSchema.Datasets, StoreSchema.Revisions, StoreSchema.Versions, StoreSchema.Tags, StoreSchema.Schemas];

    /// <summary>Copies the store behind <paramref name="source"/> to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is one of the store's own files.</exception>
    public static void Write(StoreConnection source, string path)
    {
        if (source.Path is not null && StoreFiles.IsStoreFile(source.Path, path))
        {
            throw new ArgumentException("A backup cannot overwrite the store's own files (its data file or journal); choose another path.", nameof(path));
        }

        var target = StorePath.Resolve(path);

        var temporary = target + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            source.Exclusive(() =>
            {
                // No other call of this store runs; the read transaction makes the copy one point in time.
                var db = source.Database;
                db.BeginTrans();
                try
                {
                    CopyInto(db, temporary);
                }
                finally
                {
                    db.Rollback();
                }

                return 0;
            });
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporary + StoreFiles.JournalSuffix);
        }
    }

    /// <summary>Copies every row of <paramref name="db"/> into a new store file at <paramref name="path"/>.</summary>
    private static void CopyInto(LiteDatabase db, string path)
    {
        try
        {
            using var copy = StoreConnection.OpenFile(new StoreSettings { Path = path, Durable = false });
            var source = new BackupSource(db);
            source.Copy(() => copy.Write(() =>
            {
                foreach (var name in Collections)
                {
                    copy.Database.GetCollection(name, BsonAutoId.Int64).InsertBulk(source.Documents(name), batchSize: 5000);
                }

                copy.Database.GetCollection(StoreSchema.Meta).Upsert(source.Document(StoreSchema.Meta, "counters"));
                return (0, true);
            }));
        }
        catch (IOException ex)
        {
            throw Errors.Storage("writing the backup", ex, path);
        }
    }
}
