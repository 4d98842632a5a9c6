using System.Buffers.Text;
using System.Globalization;
using System.Text;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Opaque cursor texts. They are base64url so that callers treat them as tokens; decoding checks their
/// shape and throws <see cref="ArgumentException"/> for anything this store did not produce.
/// </summary>
internal static class PageCursor
{
    private const string ItemPrefix = "i1";
    private const string VersionPrefix = "v1";
    private const string DatasetPrefix = "d1";
    private const string ExperimentPrefix = "x1";
    private const string ResultPrefix = "r1";

    public static string Encode(ItemCursor cursor) =>
        Pack(ItemPrefix, Invariant(cursor.Version), Invariant(cursor.Seq), cursor.FilterDigest);

    public static ItemCursor DecodeItemCursor(string text)
    {
        var parts = Unpack(text, ItemPrefix, 3);
        return new ItemCursor(ParseLong(parts[0], text), ParseLong(parts[1], text), parts[2]);
    }

    public static string EncodeVersionCursor(long lastNumber) => Pack(VersionPrefix, Invariant(lastNumber));

    public static long DecodeVersionCursor(string text) => ParseLong(Unpack(text, VersionPrefix, 1)[0], text);

    public static string EncodeDatasetCursor(string lastNameKey) => Pack(DatasetPrefix, lastNameKey);

    public static string DecodeDatasetCursor(string text) => Unpack(text, DatasetPrefix, 1)[0];

    public static string EncodeExperimentCursor(long lastSequence) => Pack(ExperimentPrefix, Invariant(lastSequence));

    public static long DecodeExperimentCursor(string text) => ParseLong(Unpack(text, ExperimentPrefix, 1)[0], text);

    public static string EncodeResultCursor(ResultKey last) => Pack(ResultPrefix, Invariant(last.Seq), Invariant(last.Repetition));

    public static ResultKey DecodeResultCursor(string text)
    {
        var parts = Unpack(text, ResultPrefix, 2);
        var repetition = ParseLong(parts[1], text);
        // A store's cursors stop at MaxRepetitions (past an item's last run); a larger number is no cursor a store gave
        // (and near int.MaxValue would overflow the next key).
        return new ResultKey(ParseLong(parts[0], text), repetition <= ExperimentDefinition.MaxRepetitions ? (int)repetition : throw Garbled(text, null));
    }

    private static string Pack(params string[] parts) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', parts)));

    private static string[] Unpack(string text, string prefix, int count)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException ex)
        {
            throw Garbled(text, ex);
        }

        var parts = decoded.Split('\n');
        if (parts.Length != count + 1 || parts[0] != prefix)
        {
            throw Garbled(text, null);
        }

        return parts[1..];
    }

    private static long ParseLong(string value, string text) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) ? result : throw Garbled(text, null);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static ArgumentException Garbled(string text, Exception? inner) =>
        new($"The cursor '{text}' is not one this store returned for this kind of list. Pass NextCursor unchanged, or omit After to start over.", inner);
}
