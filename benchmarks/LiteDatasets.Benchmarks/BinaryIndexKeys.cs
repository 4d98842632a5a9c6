using System.Buffers.Binary;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// A layout measured against the store's: each compound index key stored in the revision as one binary value (its
/// parts' bytes, integers big-endian with the sign bit flipped so that bytes order as numbers do) and indexed by plain
/// path, instead of an array expression LiteDB evaluates and compares part by part. Not the store's format: measured
/// to show what a new one could save a bulk add.
/// </summary>
internal static class BinaryIndexKeys
{
    /// <summary>The store's four revision indexes, as fields holding their keys.</summary>
    public static readonly (string Name, string Field, string[] Parts, bool Unique)[] Indexes =
    [
        ("live", "kl", ["d", "t", "s"], false),
        ("item", "ki", ["d", "i", "f"], true),
        ("seq", "ks", ["d", "s", "f"], true),
        ("ext", "kx", ["d", "x", "t"], false),
    ];

    /// <summary>Adds the four key fields to a revision document and returns it.</summary>
    public static BsonDocument Add(BsonDocument revision)
    {
        foreach (var (_, field, parts, _) in Indexes)
        {
            revision[field] = Encode(revision, parts);
        }

        return revision;
    }

    private static byte[] Encode(BsonDocument revision, string[] parts)
    {
        var key = new List<byte>(40);
        Span<byte> number = stackalloc byte[8];
        foreach (var part in parts)
        {
            var value = revision[part];
            switch (value.Type)
            {
                case BsonType.Int32:
                    BinaryPrimitives.WriteUInt32BigEndian(number, (uint)value.AsInt32 ^ 0x8000_0000u);
                    key.AddRange(number[..4]);
                    break;
                case BsonType.Int64:
                    BinaryPrimitives.WriteUInt64BigEndian(number, (ulong)value.AsInt64 ^ 0x8000_0000_0000_0000ul);
                    key.AddRange(number);
                    break;
                case BsonType.Guid:
                    key.AddRange(value.AsGuid.ToByteArray(bigEndian: true));
                    break;
                case BsonType.Binary:
                    key.AddRange(value.AsBinary);
                    break;
                case BsonType.Null:
                    break;
                default:
                    key.AddRange(System.Text.Encoding.UTF8.GetBytes(value.AsString));
                    break;
            }
        }

        return [.. key];
    }
}
