using System.Runtime.ExceptionServices;
using LiteDatasets.Engines.LiteDb.Queries;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// The rows a backup reads from the store it copies. They are read while the copy writes them (inside the copy's
/// own transaction), so a failure to read them would be reported as one of the copy; it is kept here and thrown
/// again once the copy has given up, so that damage of the store is reported against the store.
/// </summary>
internal sealed class BackupSource(LiteDatabase db)
{
    private Exception? _failure;

    /// <summary>Every document of a collection of the store, in the order LiteDB keeps them.</summary>
    public IEnumerable<BsonDocument> Documents(string collection)
    {
        using var documents = Read(() => db.GetCollection(collection).FindAll().GetEnumerator());
        while (Read(documents.MoveNext))
        {
            yield return documents.Current;
        }
    }

    /// <summary>One document of a collection of the store, which the store always has.</summary>
    public BsonDocument Document(string collection, string id) =>
        Read(() => db.GetCollection(collection).FindById(id) ?? throw new StoreDamage($"its record '{id}' is missing"));

    /// <summary>Runs the copy; if reading the store failed meanwhile, that failure is what is thrown.</summary>
    public void Copy(Action copy)
    {
        try
        {
            copy();
        }
        catch when (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }
    }

    private T Read<T>(Func<T> read)
    {
        try
        {
            return LiteDbCalls.Run(read);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failure = ex;
            throw;
        }
    }
}
