using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The store's key-value cache: byte values by scope and key, with absolute and sliding expiry on the store's clock.
/// Each write is one unit of work that locks only the entry's row; expiry is checked when an entry is read, and an
/// expired entry found so is removed.
/// </summary>
/// <remarks>
/// An entry's row key is a hash of its scope and key, so that engines look it up by one short primary key whatever the
/// key's length (index keys of LiteDB are limited to about a kilobyte); the scope and key are stored too and compared,
/// so a hash collision reads as a miss rather than as another entry's value.
/// </remarks>
internal sealed class StoreCache(IStorageEngine engine, TimeProvider clock)
{
    public byte[]? Get(string scope, string key)
    {
        var id = RowId(scope, key);
        var now = Time.Now(clock);
        var row = engine.Read(rows => rows.FindCacheEntry(id));
        if (!Matches(row, scope, key))
        {
            return null;
        }

        if (engine.IsReadOnly)
        {
            return IsExpired(row, now) ? null : row.Value;
        }

        if (IsExpired(row, now) || row.Sliding is not null)
        {
            // Expired entries go, sliding ones move on: both a write, which reads the row again under its lock.
            return Touch(id, scope, key, now)?.Value;
        }

        return row.Value;
    }

    public void Set(string scope, string key, byte[] value, CacheEntryOptions? options)
    {
        var id = RowId(scope, key);
        Guard.NotNull(value);
        var now = Time.Now(clock);
        var (absolute, sliding) = Expiry(options, now);
        var row = new CacheRow(id, scope, key, value, ExpiresAt(absolute, sliding, now), absolute, sliding, now);
        engine.WriteRowLocked(rows =>
        {
            rows.WriteCacheEntry(row);
            return (0, true);
        });
    }

    public bool Refresh(string scope, string key)
    {
        var id = RowId(scope, key);
        return Touch(id, scope, key, Time.Now(clock)) is not null;
    }

    public bool Remove(string scope, string key)
    {
        var id = RowId(scope, key);
        return engine.WriteRowLocked(rows =>
        {
            var removed = Matches(rows.FindCacheEntryForUpdate(id), scope, key) && rows.DeleteCacheEntry(id);
            return (removed, removed);
        });
    }

    /// <summary>Removes the entry if it has expired, or moves its sliding expiry on; returns the live entry, or null.</summary>
    private CacheRow? Touch(string id, string scope, string key, long now) => engine.WriteRowLocked<CacheRow?>(rows =>
    {
        var row = rows.FindCacheEntryForUpdate(id);
        if (!Matches(row, scope, key))
        {
            return (null, false);
        }

        if (IsExpired(row, now))
        {
            rows.DeleteCacheEntry(id);
            return (null, true);
        }

        if (row.Sliding is null)
        {
            return (row, false);
        }

        var moved = row with { ExpiresAt = ExpiresAt(row.AbsoluteExpiry, row.Sliding, now) };
        rows.WriteCacheEntry(moved);
        return (moved, true);
    });

    /// <summary>Returns the row key of an entry: a SHA-256 of the scope (length first, so no two pairs run together) and the key.</summary>
    internal static string RowId(string scope, string key)
    {
        Guard.NotNull(scope);
        Guard.NotEmpty(key);
        var scopeLength = Encoding.UTF8.GetByteCount(scope);
        var bytes = new byte[4 + scopeLength + Encoding.UTF8.GetByteCount(key)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, scopeLength);
        Encoding.UTF8.GetBytes(scope, bytes.AsSpan(4));
        Encoding.UTF8.GetBytes(key, bytes.AsSpan(4 + scopeLength));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static bool Matches([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] CacheRow? row, string scope, string key) =>
        row is not null && string.Equals(row.Scope, scope, StringComparison.Ordinal) && string.Equals(row.Key, key, StringComparison.Ordinal);

    private static bool IsExpired(CacheRow row, long now) => row.ExpiresAt is { } expiresAt && expiresAt <= now;

    /// <summary>The absolute expiry (the earlier of the two given) and the sliding window of <paramref name="options"/>, in milliseconds.</summary>
    private static (long? Absolute, long? Sliding) Expiry(CacheEntryOptions? options, long now)
    {
        if (options is null)
        {
            return (null, null);
        }

        long? absolute = null;
        if (options.AbsoluteExpiration is { } at)
        {
            absolute = at.ToUnixTimeMilliseconds();
            if (absolute <= now)
            {
                throw new ArgumentOutOfRangeException(nameof(options), at, "The absolute expiration is not in the future by the store's clock; give a later time, or none.");
            }
        }

        if (options.AbsoluteExpirationRelativeToNow is { } relative)
        {
            var relativeAt = now + Milliseconds(Guard.Positive(relative, nameof(options) + "." + nameof(options.AbsoluteExpirationRelativeToNow)));
            absolute = absolute is { } given ? Math.Min(given, relativeAt) : relativeAt;
        }

        long? sliding = options.SlidingExpiration is { } window
            ? Milliseconds(Guard.Positive(window, nameof(options) + "." + nameof(options.SlidingExpiration)))
            : null;
        return (absolute, sliding);
    }

    private static long? ExpiresAt(long? absolute, long? sliding, long now) => (absolute, sliding) switch
    {
        (null, null) => null,
        ({ } a, null) => a,
        (null, { } s) => Add(now, s),
        ({ } a, { } s) => Math.Min(a, Add(now, s)),
    };

    // At least one millisecond, so a positive window never expires an entry the moment it is written; held at the
    // largest value rather than overflow.
    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)Math.Min(span.TotalMilliseconds, long.MaxValue / 2));

    private static long Add(long now, long span) => span > long.MaxValue - now ? long.MaxValue : now + span;
}
