using System.Numerics;

namespace LiteDatasets;

/// <summary>
/// The content fingerprint of a version: the sum modulo 2^256 of the SHA-256 terms of its live items,
/// read as big-endian unsigned integers. A sum (not a hash of a list) lets each commit update it from the
/// items it changed, and makes it independent of the history that led to a snapshot.
/// </summary>
internal static class Fingerprint
{
    /// <summary>The fingerprint of an empty snapshot.</summary>
    public static readonly byte[] Empty = new byte[32];

    private static readonly BigInteger Modulus = BigInteger.One << 256;

    /// <summary>Returns <paramref name="fingerprint"/> plus the terms in <paramref name="added"/> minus those in <paramref name="removed"/>.</summary>
    public static byte[] Update(byte[] fingerprint, IEnumerable<byte[]> added, IEnumerable<byte[]> removed)
    {
        var sum = ToInteger(fingerprint);
        foreach (var term in added)
        {
            sum += ToInteger(term);
        }

        foreach (var term in removed)
        {
            sum -= ToInteger(term);
        }

        return FromInteger(sum);
    }

    /// <summary>Formats a fingerprint as 64 lowercase hex digits.</summary>
    public static string ToHex(byte[] fingerprint) => Convert.ToHexStringLower(fingerprint);

    private static BigInteger ToInteger(byte[] value) => new(value, isUnsigned: true, isBigEndian: true);

    /// <summary>Returns a sum of terms, reduced modulo 2^256, as 32 big-endian bytes.</summary>
    public static byte[] FromInteger(BigInteger value)
    {
        value %= Modulus;
        if (value.Sign < 0)
        {
            value += Modulus;
        }

        var result = new byte[32];
        value.TryWriteBytes(result.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return result;
    }
}
