using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Json;

namespace LiteDatasets.History;

/// <summary>
/// The fields of one bundle record, read one by one and checked for kind; <see cref="Done{T}"/> refuses a field that
/// no reader took, so a record carries exactly what its type has.
/// </summary>
internal sealed class RecordFields(JsonObject record, long line, BundleReader reader, string prefix = "")
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public long Line => line;

    /// <summary>Takes a field that may be absent; JSON null counts as absent.</summary>
    public JsonNode? Take(string name)
    {
        _taken.Add(name);
        return record.TryGetPropertyValue(name, out var value) ? value : null;
    }

    public string Text(string name) => OptionalText(name) ?? throw Refuse(name, "is missing");

    public string? OptionalText(string name) => Take(name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Refuse(name, "is not a string"),
    };

    /// <summary>Takes a whole number of zero or more.</summary>
    public long Number(string name) => Take(name) switch
    {
        null => throw Refuse(name, "is missing"),
        JsonValue value when value.TryGetValue<long>(out var number) && number >= 0 => number,
        _ => throw Refuse(name, "is not a whole number of zero or more"),
    };

    public long Time(string name) => BundleFormat.ParseTime(Text(name)) ?? throw Refuse(name, "is not a time of the form 2024-01-31T12:00:00.000Z");

    public byte[] Fingerprint(string name)
    {
        var text = Text(name);
        return text.Length == 64 && text.All(char.IsAsciiHexDigitLower) ? Convert.FromHexString(text) : throw Refuse(name, "is not 64 lowercase hex digits");
    }

    public RecordFields Object(string name) => OptionalObject(name) ?? throw Refuse(name, "is missing");

    public RecordFields? OptionalObject(string name) => Take(name) switch
    {
        null => null,
        JsonObject value => new RecordFields(value, line, reader, prefix + name + "."),
        _ => throw Refuse(name, "is not an object"),
    };

    /// <summary>Takes a JSON value that may be absent, as the text the store keeps.</summary>
    public string? OptionalJson(string name, bool objectOnly = false)
    {
        var value = Take(name);
        if (value is null)
        {
            return null;
        }

        if (objectOnly && value is not JsonObject)
        {
            throw Refuse(name, "is not an object");
        }

        try
        {
            return PayloadEncoder.ToStoredText(value);
        }
        catch (PayloadProblem problem)
        {
            throw Refuse(name, $"cannot be stored: at '{problem.Pointer}' it {problem.Problem}");
        }
    }

    /// <summary>Takes a JSON value that must be present, but may be null.</summary>
    public string? NullableJson(string name) => record.ContainsKey(name) ? OptionalJson(name) : throw Refuse(name, "is missing");

    /// <summary>Returns <paramref name="result"/> once no field is left that no reader took.</summary>
    public T Done<T>(T result)
    {
        foreach (var (name, _) in record)
        {
            if (!_taken.Contains(name))
            {
                throw Refuse(name, "is not a field of this record");
            }
        }

        return result;
    }

    private ImportFormatException Refuse(string name, string problem) => reader.Refuse(line, $"The field '{prefix}{name}' {problem}.");
}
