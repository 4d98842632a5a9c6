using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiteDatasets.Transfer;

/// <summary>
/// A seeded sample of a stream of items: the <c>size</c> items whose ids hash lowest under the seed, returned
/// in the order they came. It holds at most <c>size</c> items however long the stream is. The same items, seed
/// and size give the same sample on any machine; and since the rank of an item depends only on its id, a
/// sample of the next version keeps every sampled item that is still there and ranks as low.
/// </summary>
internal static class ItemSample
{
    /// <summary>Returns the sample, in stream order.</summary>
    public static List<DatasetItem> Take(IEnumerable<DatasetItem> items, int size, long seed)
    {
        // The highest-ranked item kept is on top, so that a lower one can replace it.
        var kept = new PriorityQueue<(DatasetItem Item, long Position), (ulong Rank, long Position)>(size + 1, Comparer<(ulong Rank, long Position)>.Create(static (a, b) => b.CompareTo(a)));
        var key = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(key, seed);
        long position = 0;
        foreach (var item in items)
        {
            var rank = (Rank(key, item.Id), position);
            if (kept.Count < size)
            {
                kept.Enqueue((item, position), rank);
            }
            else if (size > 0 && kept.TryPeek(out _, out var highest) && rank.CompareTo(highest) < 0)
            {
                kept.EnqueueDequeue((item, position), rank);
            }

            position++;
        }

        return kept.UnorderedItems.Select(e => e.Element).OrderBy(e => e.Position).Select(e => e.Item).ToList();
    }

    /// <summary>Ranks an id under a seed: the first 8 bytes of HMAC-SHA256(seed, id), uniform and independent per seed.</summary>
    internal static ulong Rank(byte[] seedKey, string id)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(seedKey, Encoding.UTF8.GetBytes(id), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
