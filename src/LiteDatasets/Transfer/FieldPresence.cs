using System.Globalization;
using System.Text.Json.Nodes;
using LiteDatasets.Json;

namespace LiteDatasets.Transfer;

/// <summary>
/// Counts, for each optional field a mapping names (the expected output, the metadata fields), the records that
/// lack it, and notices a field that no record has at all — a misspelt name, which would otherwise import as
/// nothing, silently. Records lack a field when it is missing or null (or, in CSV, an empty cell).
/// </summary>
internal sealed class FieldPresence
{
    /// <summary>How many distinct field names are kept to list in a message.</summary>
    private const int MaxListedFields = 30;

    private readonly (FieldPath Path, string Role)[] _fields;
    private readonly long[] _lacking;
    private readonly bool[] _named;
    private readonly bool _emptyIsAbsent;
    private readonly SortedSet<string> _seen = new(StringComparer.Ordinal);
    private long _records;

    public FieldPresence(MappingPlan mapping, bool emptyIsAbsent)
    {
        var fields = new List<(FieldPath, string)>();
        if (!mapping.IsNative)
        {
            if (mapping.Expected is { } expected)
            {
                fields.Add((expected, "expected output"));
            }

            fields.AddRange(mapping.Metadata.Select(path => (path, "metadata")));
        }

        _fields = [.. fields];
        _lacking = new long[_fields.Length];
        _named = new bool[_fields.Length];
        _emptyIsAbsent = emptyIsAbsent;
    }

    /// <summary>Looks at one record's fields.</summary>
    public void Observe(JsonObject record)
    {
        if (_fields.Length == 0)
        {
            return;
        }

        _records++;
        for (var i = 0; i < _fields.Length; i++)
        {
            var named = _fields[i].Path.TryRead(record, out var value);
            _named[i] |= named;
            if (!named || ItemContent.IsNull(value) || (_emptyIsAbsent && value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length == 0))
            {
                _lacking[i]++;
            }
        }

        // The names are only for the message of a field no record has; once every mapped field has been seen,
        // no such message can come, and the import stops collecting them.
        if (Array.IndexOf(_named, false) < 0)
        {
            return;
        }

        foreach (var (name, _) in record)
        {
            if (_seen.Count < MaxListedFields || _seen.Contains(name))
            {
                _seen.Add(name);
            }
        }
    }

    /// <summary>Gets, for each mapped optional field that some records lack, how many lack it.</summary>
    public IReadOnlyDictionary<string, long> Lacking()
    {
        var lacking = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _fields.Length; i++)
        {
            if (_lacking[i] > 0)
            {
                lacking[_fields[i].Path.Text] = _lacking[i];
            }
        }

        return lacking;
    }

    /// <summary>Refuses the import when a mapped field is in none of the records.</summary>
    /// <exception cref="ImportFormatException">A mapped field is in none of the records.</exception>
    public void ThrowIfNeverNamed(string source)
    {
        var index = Array.IndexOf(_named, false);
        if (_records == 0 || index < 0)
        {
            return;
        }

        var (path, role) = _fields[index];
        var name = path.Text;
        var have = string.Join(", ", _seen.Select(n => "'" + Errors.Shorten(n) + "'")) + (_seen.Count == MaxListedFields ? ", …" : "");
        throw new ImportFormatException(source, 0, string.Create(CultureInfo.InvariantCulture,
            $"has no field '{Errors.Shorten(name)}' (mapped as the {role}) in any of its {_records} records; they have {have}. Check the field's name."));
    }
}
