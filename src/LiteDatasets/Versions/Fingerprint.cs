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

    /// <summary>Returns <paramref name="fingerprint"/> plus <paramref name="delta"/> (a sum of added minus removed terms).</summary>
    public static byte[] Update(byte[] fingerprint, BigInteger delta) => FromInteger(Term(fingerprint) + delta);

    /// <summary>Reads a SHA-256 term (or a fingerprint) as a big-endian unsigned integer.</summary>
    public static BigInteger Term(byte[] value) => new(value, isUnsigned: true, isBigEndian: true);

    /// <summary>Formats a fingerprint as 64 lowercase hex digits.</summary>
    public static string ToHex(byte[] fingerprint) => Convert.ToHexStringLower(fingerprint);

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
