using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Services;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// A store file for the cache benchmarks: <see cref="Entries"/> entries of the store-wide scope, each a 2 KB value (the
/// size of a cached chat response), half of them with a sliding expiry; raw baselines read and write the same
/// documents of the same <c>cache</c> collection on the same file.
/// </summary>
public sealed class CacheSample : IDisposable
{
    public const int Entries = 1000;

    private readonly BenchmarkFiles _files = new();

    public CacheSample()
    {
        Store = DatasetStore.Open(new DatasetStoreOptions { Path = _files.NewFile("cache"), Durable = false });
        Value = new byte[2048];
        new Random(7).NextBytes(Value);
        for (var i = 0; i < Entries; i++)
        {
            Store.SetCacheEntry("", Key(i), Value, i % 2 == 0 ? null : new CacheEntryOptions { SlidingExpiration = TimeSpan.FromDays(1) });
        }
    }

    public DatasetStore Store { get; }

    public byte[] Value { get; }

    /// <summary>Gets the <c>cache</c> collection under the store, for raw baselines on the same file.</summary>
    public ILiteCollection<BsonDocument> Raw => Store.Connection.Database.GetCollection(StoreSchema.Cache);

    public LiteDatabase Database => Store.Connection.Database;

    /// <summary>Returns the key of entry <paramref name="i"/>: even ones never expire, odd ones slide.</summary>
    public static string Key(int i) => "key-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Returns the row key the store gives entry <paramref name="i"/>.</summary>
    public static string RowId(int i) => StoreCache.RowId("", Key(i));

    public void Dispose()
    {
        Store.Dispose();
        _files.Dispose();
    }
}
