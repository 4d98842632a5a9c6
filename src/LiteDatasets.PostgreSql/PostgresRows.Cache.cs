using System.Text;
using LiteDatasets.Storage;
using Npgsql;

namespace LiteDatasets.PostgreSql;

/// <summary>
/// The storage port's cache entries (see <see cref="Schema.CacheSql"/>). In a schema from before the cache table,
/// which only a read-only open reads, every read finds none.
/// </summary>
internal sealed partial class PostgresRows
{
    public CacheRow? FindCacheEntry(string id) =>
        hasCacheTable ? Single(sql.Cache.Find, ReadCacheEntry, Text(id)) : null;

    public CacheRow? FindCacheEntryForUpdate(string id) => Single(sql.Cache.FindForUpdate, ReadCacheEntry, Text(id));

    public void WriteCacheEntry(CacheRow row) =>
        Queue(
            sql.Cache.Write,
            Text(row.Id), Utf8(row.Scope), Utf8(row.Key), Bytes(row.Value), NullableLong(row.ExpiresAt), NullableLong(row.AbsoluteExpiry),
            NullableLong(row.Sliding), Long(row.WrittenAt));

    public bool DeleteCacheEntry(string id)
    {
        // Run now rather than queued: the caller learns whether there was an entry.
        using var command = Command(sql.Cache.Delete, Text(id));
        return command.ExecuteNonQuery() > 0;
    }

    private static CacheRow ReadCacheEntry(NpgsqlDataReader r) => new(
        r.GetString(0),
        Encoding.UTF8.GetString(r.GetFieldValue<byte[]>(1)),
        Encoding.UTF8.GetString(r.GetFieldValue<byte[]>(2)),
        r.GetFieldValue<byte[]>(3),
        r.IsDBNull(4) ? null : r.GetInt64(4),
        r.IsDBNull(5) ? null : r.GetInt64(5),
        r.IsDBNull(6) ? null : r.GetInt64(6),
        r.GetInt64(7));
}
