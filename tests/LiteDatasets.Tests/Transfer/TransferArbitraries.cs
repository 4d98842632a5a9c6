using FsCheck;
using FsCheck.Fluent;
using LiteDatasets.Tests.Json;

namespace LiteDatasets.Tests.Transfer;

/// <summary>Generates <see cref="TransferCase"/>s from <see cref="JsonGenerators"/> payloads, and registers them with FsCheck.</summary>
public static class TransferArbitraries
{
    // What a spreadsheet runs as a formula, the text marker that protects it, quotes, separators and spaces.
    private static readonly string[] IdStarts = ["", "", "", "=", "+", "-", "@", "'", "''", "'=", "\"", ",", " ", "é"];

    private static readonly string[] IdCharacters = ["a", "Z", "0", " ", ",", ";", "\"", "'", "=", "-", "+", "@", "é", "中", "\U0001F600", "\\"];

    // An external id may hold any character, line breaks and control characters too.
    private static readonly string[] ExternalIdStarts = [.. IdStarts, "\t", "\r", "\n", "\r\n", "\u001b["];

    private static readonly string[] ExternalIdCharacters = [.. IdCharacters, "\t", "\r", "\n", "\r\n", "\u0000", "\u001b", "\u2028"];

    /// <summary>Gets one to six items, each with a distinct id and (most of them) a distinct external id.</summary>
    public static Gen<TransferCase> Cases =>
        from count in Gen.Choose(1, 6)
        from payloads in Gen.ListOf(JsonGenerators.Cases, count)
        from ids in Gen.ListOf(Text(IdStarts, IdCharacters), count)
        from externalIds in Gen.ListOf(Text(ExternalIdStarts, ExternalIdCharacters), count)
        from keyed in Gen.ListOf(Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true))), count)
        select new TransferCase([.. payloads.Select((json, i) => (json, Distinct(ids[i], i), keyed[i] ? Distinct(externalIds[i], i) : null))]);

    public static Arbitrary<TransferCase> TransferCase() => Arb.From(Cases);

    /// <summary>A start from <paramref name="starts"/>, then up to eight characters; the index made part of it keeps it distinct.</summary>
    private static Gen<(string Start, string Tail)> Text(string[] starts, string[] characters) =>
        from start in Gen.Elements(starts)
        from length in Gen.Choose(0, 8)
        from rest in Gen.ListOf(Gen.Elements(characters), length)
        select (start, string.Concat(rest));

    private static string Distinct((string Start, string Tail) text, int index) => text.Start + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + text.Tail;
}
