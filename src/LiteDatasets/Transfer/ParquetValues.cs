using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace LiteDatasets.Transfer;

/// <summary>
/// Turns the values Parquet.Net reads into JSON: text (a string or, inside lists, memory of characters), numbers and booleans as they are; dates and times as
/// ISO 8601 strings; byte arrays as base64; structs and maps as objects; lists as arrays. A number JSON cannot
/// hold (NaN or an infinity) becomes its name as a string.
/// </summary>
internal static class ParquetValues
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        ReadOnlyMemory<char> text => JsonValue.Create(text.ToString()),
        ReadOnlyMemory<byte> bytes => JsonValue.Create(Convert.ToBase64String(bytes.Span)),
        double number => double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)),
        float number => float.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)),
        Half number => ToJson((float)number),
        decimal number => JsonValue.Create(number),
        sbyte or byte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong number => JsonValue.Create(number),
        BigInteger number => JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture)),
        DateTime time => JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset time => JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly date => JsonValue.Create(date.ToString("O", CultureInfo.InvariantCulture)),
        TimeOnly time => JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture)),
        TimeSpan span => JsonValue.Create(span.ToString("c", CultureInfo.InvariantCulture)),
        Guid id => JsonValue.Create(id.ToString()),
        IDictionary members => ToObject(members),
        IEnumerable elements => ToArray(elements),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonObject ToObject(IDictionary members)
    {
        var json = new JsonObject();
        foreach (DictionaryEntry member in members)
        {
            json[Convert.ToString(member.Key, CultureInfo.InvariantCulture)!] = ToJson(member.Value);
        }

        return json;
    }

    private static JsonArray ToArray(IEnumerable elements)
    {
        var json = new JsonArray();
        foreach (var element in elements)
        {
            json.Add(ToJson(element));
        }

        return json;
    }
}
