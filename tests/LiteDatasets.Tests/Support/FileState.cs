using System.Security.Cryptography;

namespace LiteDatasets.Tests;

/// <summary>The exact state of a file's bytes: its length and SHA-256, to prove that nothing changed it.</summary>
public sealed record FileState(long Length, string Sha256)
{
    /// <summary>Reads a file that nothing holds open.</summary>
    public static FileState Of(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return new FileState(bytes.LongLength, Convert.ToHexString(SHA256.HashData(bytes)));
    }

    /// <summary>Gets the names of the files in a directory, sorted, to spot side files left behind.</summary>
    public static IReadOnlyList<string> Listing(string directory) =>
        Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
}
