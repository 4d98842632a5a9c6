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
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.Busy"/> if running writes do not finish within the lock timeout.</exception>
    public void Backup(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        if (_options.Path is not null && string.Equals(target, Path.GetFullPath(_options.Path), StringComparison.Ordinal))
        {
            throw new ArgumentException("A backup cannot overwrite the store's own file; choose another path.", nameof(path));
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_gate.TryEnterWriteLock(_options.LockTimeout))
        {
            throw Errors.Busy("the store for a backup", _options.LockTimeout);
        }

        var temporary = target + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var db = _connection.Database;

            // Holding the gate keeps this store's writers out; the read transaction also holds LiteDB's
            // cross-process lock in shared mode, so the copy is one point in time.
            db.BeginTrans();
            try
            {
                using var copy = StoreConnection.OpenFile(new DatasetStoreOptions { Path = temporary, Durable = false });
                foreach (var name in new[] { StoreSchema.Datasets, StoreSchema.Revisions, StoreSchema.Versions, StoreSchema.Tags, StoreSchema.Schemas })
                {
                    copy.Database.GetCollection(name, BsonAutoId.Int64).InsertBulk(db.GetCollection(name).FindAll(), batchSize: 5000);
                }

                copy.Database.GetCollection(StoreSchema.Meta).Upsert(MetaRows.FindById("counters"));
            }
            finally
            {
                db.Rollback();
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch (LiteException ex)
        {
            throw Translate(ex, "writing a backup");
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporary + StoreConnection.JournalSuffix);
            _gate.ExitWriteLock();
        }
    }
}
