using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace LiteDatasets.TestHost;

/// <summary>
/// A digest of a set of items that the crash writer keeps for its own model of the dataset and the tests
/// recompute from what the store reads back. It is the test's own, independent of the store's fingerprint:
/// the sum, modulo 2^256, of the SHA-256 of each item's id, external id and payload texts
/// (<c>ToJsonString()</c>, which round trips exactly), so that an add, update or delete changes it by one term.
/// </summary>
public static class SnapshotDigest
{
    private static readonly BigInteger Modulus = BigInteger.One << 256;

    /// <summary>Gets the digest of no items.</summary>
    public static BigInteger Empty => BigInteger.Zero;

    /// <summary>Computes one item's term from its parts (payloads as JSON text, absent parts as null).</summary>
    public static BigInteger Term(string id, string? externalId, string input, string? expectedOutput, string? metadata)
    {
        var text = string.Join('\u001f', id, Part(externalId), input, Part(expectedOutput), Part(metadata));
        return new BigInteger(SHA256.HashData(Encoding.UTF8.GetBytes(text)), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Computes the term of an item read from the store.</summary>
    public static BigInteger Term(DatasetItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Term(item.Id, item.ExternalId, item.Input.ToJsonString(), item.ExpectedOutput?.ToJsonString(), item.Metadata?.ToJsonString());
    }

    /// <summary>Adds a term to a digest.</summary>
    public static BigInteger Add(BigInteger digest, BigInteger term) => BigInteger.Remainder(digest + term, Modulus);

    /// <summary>Removes a term from a digest.</summary>
    public static BigInteger Remove(BigInteger digest, BigInteger term) => BigInteger.Remainder(digest - term + Modulus, Modulus);

    /// <summary>Computes the digest of a whole snapshot.</summary>
    public static BigInteger Of(IEnumerable<DatasetItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var digest = Empty;
        foreach (var item in items)
        {
            digest = Add(digest, Term(item));
        }

        return digest;
    }

    /// <summary>Formats a digest as 64 lowercase hex digits.</summary>
    public static string ToHex(BigInteger digest) => digest.ToString("x64", CultureInfo.InvariantCulture)[^64..];

    // An absent part can never be confused with JSON text, which never starts with a control character.
    private static string Part(string? text) => text ?? "\u0001";
}
