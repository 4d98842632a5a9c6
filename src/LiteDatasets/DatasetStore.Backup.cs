using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Writes a consistent copy of the whole store into one file while the store stays open. The copy is a
    /// compact, new store file (with its own identity); an existing file at <paramref name="path"/> is replaced
    /// only once the copy is complete and synced.
    /// </summary>
    /// <param name="path">The file to write; it must not be this store's own file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is this store's file.</exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.Busy"/> if running writes do not finish within the lock timeout;
    /// <see cref="ErrorCode.StorageFull"/> if the copy's disk is full (nothing is left of the copy).
    /// </exception>
    public void Backup(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        if (_options.Path is not null && string.Equals(target, Path.GetFullPath(_options.Path), StringComparison.Ordinal))
        {
            throw new ArgumentException("A backup cannot overwrite the store's own file; choose another path.", nameof(path));
        }

        var temporary = target + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            Exclusive(() =>
            {
                // No other call of this store runs; the read transaction makes the copy one point in time.
                var db = _connection.Database;
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
            using var copy = StoreConnection.OpenFile(new DatasetStoreOptions { Path = path, Durable = false });
            copy.Write(() =>
            {
                foreach (var name in new[] { StoreSchema.Datasets, StoreSchema.Revisions, StoreSchema.Versions, StoreSchema.Tags, StoreSchema.Schemas })
                {
                    copy.Database.GetCollection(name, BsonAutoId.Int64).InsertBulk(db.GetCollection(name).FindAll(), batchSize: 5000);
                }

                copy.Database.GetCollection(StoreSchema.Meta).Upsert(db.GetCollection(StoreSchema.Meta).FindById("counters"));
                return (0, true);
            });
        }
        catch (IOException ex)
        {
            throw Errors.Storage("writing the backup", ex, path);
        }
    }
}
